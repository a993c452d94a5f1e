/**
 * The sensor's install parameters, named as the reference names them (ActivationId,
 * CustomerId, Storage, LogLevel, CpuUsageLimit, ConcurrentScan, Proxy, ProxyCertFile,
 * DockerHost, HostIdSearchDir…). Three places can set them; the first that does wins:
 * command-line flags, then environment variables (`BULWARK_SENSOR_<NAME>`, and the
 * reference's bare names like `ACTIVATIONID`), then a config file (`Storage/sensor.toml`
 * or `--config`). Everything is validated here, once; the agent trusts the result.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { BulwarkError } from '../../core/errors.js';

export type SensorMode = 'general' | 'cicd' | 'registry';

export interface SensorOptions {
  activationId: string;
  customerId: string;
  storage: string;
  serverUrl: string;
  logLevel: number;
  consoleLogs: boolean;
  cpuUsageLimit: number;
  concurrentScan: number;
  proxy: string | undefined;
  proxyCertFile: string | undefined;
  dockerHost: string | undefined;
  dockerCertPath: string | undefined;
  hostIdSearchDir: string | undefined;
  mode: SensorMode;
  silent: boolean;
  /** CI/CD trigger tag repository name (default from the server, else `bulwark_scan_target`). */
  triggerTag: string | undefined;
  /** Container rescan interval in hours; refused below 12. */
  scanIntervalHours: number | undefined;
  /** Only images and containers carrying this `key=value` label are watched (none: all). */
  labelScope: string | undefined;
  heartbeatSeconds: number;
  /** Largest number of undelivered uploads kept on disk. */
  queueLimit: number;
}

/** One parameter: its flag/env/file names and how a raw string becomes a value. */
interface Param {
  key: keyof SensorOptions;
  /** The reference's name, accepted as a bare environment variable and as the file key. */
  name: string;
  parse: (raw: string) => SensorOptions[keyof SensorOptions];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (raw: string) => raw;
const bool = (raw: string) => /^(1|true|yes|on)$/i.test(raw);
function int(name: string, min: number, max: number) {
  return (raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new BulwarkError('USAGE', `${name} must be an integer from ${min} to ${max}, got "${raw}"`);
    return n;
  };
}
function uuid(name: string) {
  return (raw: string) => {
    if (!UUID.test(raw)) throw new BulwarkError('USAGE', `${name} must be a UUID, got "${raw}"`);
    return raw.toLowerCase();
  };
}

export const PARAMS: readonly Param[] = [
  { key: 'activationId', name: 'ActivationId', parse: uuid('ActivationId') },
  { key: 'customerId', name: 'CustomerId', parse: uuid('CustomerId') },
  { key: 'storage', name: 'Storage', parse: text },
  { key: 'serverUrl', name: 'ServerUrl', parse: serverUrl },
  { key: 'logLevel', name: 'LogLevel', parse: int('LogLevel', 0, 5) },
  { key: 'consoleLogs', name: 'EnableConsoleLogs', parse: bool },
  { key: 'cpuUsageLimit', name: 'CpuUsageLimit', parse: int('CpuUsageLimit', 0, 100) },
  { key: 'concurrentScan', name: 'ConcurrentScan', parse: int('ConcurrentScan', 1, 64) },
  { key: 'proxy', name: 'Proxy', parse: proxyUrl },
  { key: 'proxyCertFile', name: 'ProxyCertFile', parse: text },
  { key: 'dockerHost', name: 'DockerHost', parse: dockerHost },
  { key: 'dockerCertPath', name: 'DockerCertPath', parse: text },
  { key: 'hostIdSearchDir', name: 'HostIdSearchDir', parse: text },
  { key: 'silent', name: 'Silent', parse: bool },
  { key: 'triggerTag', name: 'TriggerTag', parse: triggerTag },
  { key: 'scanIntervalHours', name: 'ScanIntervalHours', parse: scanInterval },
  { key: 'labelScope', name: 'LabelScope', parse: labelScope },
  { key: 'heartbeatSeconds', name: 'HeartbeatSeconds', parse: int('HeartbeatSeconds', 1, 86_400) },
  { key: 'queueLimit', name: 'QueueLimit', parse: int('QueueLimit', 1, 1_000_000) },
];

function serverUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BulwarkError('USAGE', `ServerUrl "${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BulwarkError('USAGE', `ServerUrl "${raw}" must be http:// or https://`);
  return raw.replace(/\/+$/, '');
}

function proxyUrl(raw: string): string {
  const withScheme = raw.includes('://') ? raw : `http://${raw}`;
  try {
    new URL(withScheme);
  } catch {
    throw new BulwarkError('USAGE', `Proxy "${raw}" is not host:port or a URL`);
  }
  return withScheme;
}

function dockerHost(raw: string): string {
  if (raw.startsWith('/')) return `unix://${raw}`;
  if (!/^(unix|tcp):\/\/./.test(raw))
    throw new BulwarkError('USAGE', `DockerHost "${raw}" must be unix:///path or tcp://host:port`);
  return raw;
}

function triggerTag(raw: string): string {
  if (!/^[a-z0-9][a-z0-9._-]{0,127}$/.test(raw))
    throw new BulwarkError('USAGE', `TriggerTag "${raw}" is not a valid image repository name`);
  return raw;
}

export function scanInterval(raw: string): number {
  const n = Number(raw);
  // The reference refuses drift rescans more often than every 12 hours.
  if (!Number.isFinite(n) || n < 12)
    throw new BulwarkError('USAGE', `ScanIntervalHours must be at least 12, got "${raw}"`);
  return n;
}

function labelScope(raw: string): string {
  if (!/^[^=\s]+=.*$/.test(raw)) throw new BulwarkError('USAGE', `LabelScope "${raw}" must be key=value`);
  return raw;
}

/** Where Storage lives when nobody says: the reference's path when writable, else under $HOME. */
export function defaultStorage(isRoot = process.getuid?.() === 0): string {
  return isRoot ? '/usr/local/bulwark/sensor/data' : join(homedir(), '.local/share/bulwark/sensor');
}

const DEFAULTS = {
  serverUrl: 'http://127.0.0.1:8080',
  logLevel: 3,
  consoleLogs: false,
  cpuUsageLimit: 0,
  concurrentScan: 2,
  mode: 'general',
  silent: false,
  heartbeatSeconds: 60,
  queueLimit: 10_000,
} as const;

export interface RawSources {
  /** Flag values, already keyed by option (strings or booleans as commander gives them). */
  flags: Partial<Record<keyof SensorOptions, string | boolean | undefined>>;
  env: NodeJS.ProcessEnv;
  /** Explicit config file; else `<Storage>/sensor.toml` when present. */
  configFile?: string | undefined;
  cicd?: boolean;
  registry?: boolean;
  /** `diagnose` reads an installed sensor and needs no ActivationId. */
  activationOptional?: boolean;
}

function envValue(env: NodeJS.ProcessEnv, p: Param): string | undefined {
  const snake = p.name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  return env[`BULWARK_SENSOR_${snake}`] ?? env[p.name.toUpperCase()] ?? env[p.name];
}

function readConfigFile(path: string): Record<string, unknown> {
  let parsed: Record<string, unknown>;
  try {
    parsed = parseToml(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new BulwarkError('USAGE', `config file ${path}: ${(err as Error).message}`, { cause: err });
  }
  const known = new Set(PARAMS.map((p) => p.name));
  for (const k of Object.keys(parsed))
    if (!known.has(k)) throw new BulwarkError('USAGE', `config file ${path}: unknown key "${k}"`);
  return parsed;
}

/** Flags > environment > config file > defaults; every value validated. */
export function resolveSensorOptions(src: RawSources): SensorOptions {
  const pick = (p: Param, file: Record<string, unknown>): string | undefined => {
    const flag = src.flags[p.key];
    if (flag !== undefined) return String(flag);
    const env = envValue(src.env, p);
    if (env !== undefined && env !== '') return env;
    const v = file[p.name];
    return v === undefined ? undefined : String(v);
  };
  // Storage first: it tells where the default config file is.
  const storageParam = PARAMS.find((p) => p.key === 'storage') as Param;
  const explicitFile = src.configFile ?? envValue(src.env, { ...storageParam, name: 'ConfigFile' });
  const early = explicitFile ? readConfigFile(explicitFile) : {};
  const storage = pick(storageParam, early) ?? defaultStorage();
  const implicit = join(storage, 'sensor.toml');
  const file = explicitFile ? early : existsSync(implicit) ? readConfigFile(implicit) : {};
  const out: Record<string, unknown> = { ...DEFAULTS, storage };
  for (const p of PARAMS) {
    const raw = pick(p, file);
    if (raw !== undefined) out[p.key] = p.parse(raw);
  }
  if (src.cicd && src.registry)
    throw new BulwarkError(
      'USAGE',
      'a sensor runs in one mode: choose --cicd-deployed-sensor or --registry-sensor',
    );
  out.mode = src.cicd ? 'cicd' : src.registry ? 'registry' : 'general';
  for (const required of ['activationId', 'customerId'] as const)
    if (out[required] === undefined && !src.activationOptional)
      throw new BulwarkError(
        'USAGE',
        `${required === 'activationId' ? 'ActivationId' : 'CustomerId'} is required`,
      );
  // The reference: ProxyCertFile without Proxy is ignored (the sensor connects directly).
  if (out.proxy === undefined) out.proxyCertFile = undefined;
  return out as unknown as SensorOptions;
}
