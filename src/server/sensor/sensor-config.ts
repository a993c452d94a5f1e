/**
 * The configuration the server manages for a customer's sensors, handed back in every
 * heartbeat answer: inactive windows (no data generated, in the window's own time zone),
 * container rescan interval (48 h by default, never below 12 h, as the reference allows),
 * scan concurrency, CPU limit, CI/CD trigger tag name and log level (0–5, as the
 * reference's LogLevel), plus the newest sensor version for the "update available" flag.
 */
import { Type } from 'typebox';
import { BulwarkError } from '../../core/errors.js';
import { semver } from '../../core/version/semver.js';
import type { TenantScope } from '../../db/tenant.js';

export const InactiveWindow = Type.Object(
  {
    /** 0 = Sunday … 6 = Saturday; every day when absent. */
    days: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { maxItems: 7 })),
    start: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM local time' }),
    end: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM local time' }),
    timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Paris' }),
  },
  { additionalProperties: false },
);

export const SensorConfig = Type.Object(
  {
    inactiveWindows: Type.Array(InactiveWindow, { maxItems: 32 }),
    scanIntervalHours: Type.Integer({ minimum: 12, maximum: 24 * 365 }),
    concurrency: Type.Integer({ minimum: 1, maximum: 64 }),
    cpuLimitPercent: Type.Integer({ minimum: 0, maximum: 100, description: '0 = no limit' }),
    triggerTagName: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' }),
    logLevel: Type.Integer({ minimum: 0, maximum: 5 }),
  },
  { additionalProperties: false },
);

export interface SensorConfigValue {
  inactiveWindows: { days?: number[]; start: string; end: string; timeZone: string }[];
  scanIntervalHours: number;
  concurrency: number;
  cpuLimitPercent: number;
  triggerTagName: string;
  logLevel: number;
}

export const DEFAULT_SENSOR_CONFIG: SensorConfigValue = {
  inactiveWindows: [],
  scanIntervalHours: 48,
  concurrency: 2,
  cpuLimitPercent: 0,
  triggerTagName: 'bulwark_scan_target',
  logLevel: 3,
};

/** Checks what JSON schema cannot: real time zones, and the 12 h floor. */
export function checkSensorConfig(config: SensorConfigValue): SensorConfigValue {
  if (config.scanIntervalHours < 12)
    throw new BulwarkError('BAD_REQUEST', 'scanIntervalHours must be at least 12');
  for (const w of config.inactiveWindows) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: w.timeZone });
    } catch {
      throw new BulwarkError(
        'BAD_REQUEST',
        `inactive window time zone "${w.timeZone}" is not an IANA time zone`,
      );
    }
  }
  return config;
}

export interface StoredSensorSettings {
  config: SensorConfigValue;
  latestVersion: string | null;
}

export async function sensorSettings(scope: TenantScope): Promise<StoredSensorSettings> {
  const row = await scope.selectFrom('sensor_settings').selectAll().executeTakeFirst();
  if (!row) return { config: DEFAULT_SENSOR_CONFIG, latestVersion: null };
  let stored: Partial<SensorConfigValue> = {};
  try {
    stored = JSON.parse(row.config_json) as Partial<SensorConfigValue>;
  } catch {
    stored = {};
  }
  return { config: { ...DEFAULT_SENSOR_CONFIG, ...stored }, latestVersion: row.latest_version };
}

export async function saveSensorSettings(
  scope: TenantScope,
  config: SensorConfigValue,
  latestVersion: string | null,
  now = Date.now(),
): Promise<void> {
  checkSensorConfig(config);
  await scope.transaction(async (tx) => {
    await tx.deleteFrom('sensor_settings').execute();
    await tx.insert('sensor_settings', [
      { config_json: JSON.stringify(config), latest_version: latestVersion, updated_at: now },
    ]);
  });
}

/** True when `latest` is a newer semver than `running`; an unparsable version never nags. */
export function updateAvailable(running: string, latest: string | null): boolean {
  if (!latest) return false;
  const a = semver.parse(running.replace(/^v/, ''));
  const b = semver.parse(latest.replace(/^v/, ''));
  return a.valid && b.valid && semver.compare(a.value, b.value) < 0;
}
