/**
 * `bulwark ci` flags (or their config-file and BULWARK_* values, see src/cli/config.ts) in,
 * the run's typed settings (src/ci/ci-settings.ts) out, or one USAGE error.
 */
import {
  type CiConditions,
  type CiReportFormat,
  type CiSettings,
  type CvssVersionChoice,
  ciReportFormats,
  type ServerAuth,
} from '../../ci/ci-settings.js';
import { BulwarkError } from '../../core/errors.js';
import type { Severity } from '../../core/matcher/types.js';
import { parseSeverity } from '../../core/policy/severity-filter.js';
import { parseDuration } from '../duration.js';

export interface CiFlags {
  imageIds?: string;
  server?: string;
  user?: string;
  dockerHost?: string;
  dockerCertPath?: string;
  triggerTag: string;
  tag?: boolean;
  pollInterval: string;
  timeout: string;
  failOnSeverity: string[];
  failCvss?: string;
  cvssVersion?: string;
  failId: string[];
  failOnlyPatchable?: boolean;
  excludeId: string[];
  webhook?: string;
  reportDir?: string;
  reportFormats: string;
}

const usage = (message: string): never => {
  throw new BulwarkError('USAGE', message);
};

/** Comma-separated and repeated values, trimmed, empties dropped. */
export function listOf(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Docker image ids: 12 to 64 hex digits, with or without `sha256:` (as `docker images` prints them). */
export function parseImageIds(text: string | undefined, from: string): string[] {
  const ids = listOf([text ?? '']);
  if (ids.length === 0)
    usage('no image ids: give --image-ids ID[,ID...] or set IMAGE_ID (one id or a comma-separated list)');
  for (const id of ids) {
    if (!/^(sha256:)?[0-9a-f]{12,64}$/.test(id))
      usage(`${from} "${id}": not a Docker image id (12 to 64 hex digits, optionally sha256:)`);
  }
  return [...new Set(ids)];
}

function httpUrl(text: string, flag: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return usage(`${flag} "${text}": not a URL (e.g. https://bulwark.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    usage(`${flag} "${text}": use http:// or https://`);
  return url;
}

/**
 * `--fail-on-severity` takes the reference's per-severity counts, `5=0,4=3` ("fail on any
 * severity 5, or on more than 3 of severity 4"; names work too: `critical=0`), or one
 * severity alone as in `bulwark scan` (`high`: fail on any finding of that level or above).
 */
export function parseSeverityCounts(values: readonly string[]): Partial<Record<Severity, number>> {
  const max: Partial<Record<Severity, number>> = {};
  for (const part of listOf(values)) {
    const match = /^([^=]+)=\s*(\d+)$/.exec(part);
    if (match) {
      max[parseSeverity(match[1] as string)] = Number(match[2]);
    } else if (part.includes('=')) {
      usage(`--fail-on-severity "${part}": expected SEVERITY=COUNT, e.g. 5=0,4=3`);
    } else {
      for (let s = parseSeverity(part); s <= 5; s++) max[s as Severity] = 0;
    }
  }
  return max;
}

export function parseCvssVersion(text: string | undefined): CvssVersionChoice {
  if (text === undefined) return 'any';
  const v = text.trim().toLowerCase().replace(/^v/, '');
  if (v === '2' || v === '3' || v === 'any') return v;
  return usage(`--cvss-version "${text}": expected 2, 3 or any`);
}

export function toCiConditions(flags: CiFlags): CiConditions {
  const conditions: CiConditions = { cvssVersion: parseCvssVersion(flags.cvssVersion) };
  const max = parseSeverityCounts(flags.failOnSeverity);
  if (Object.keys(max).length > 0) conditions.maxPerSeverity = max;
  if (flags.failCvss !== undefined) {
    const score = Number(flags.failCvss);
    if (flags.failCvss.trim() === '' || !Number.isFinite(score) || score < 0 || score > 10)
      usage(`--fail-cvss "${flags.failCvss}": expected a score from 0 to 10`);
    conditions.cvssThreshold = score;
  } else if (flags.cvssVersion !== undefined) {
    usage('--cvss-version only applies with --fail-cvss SCORE');
  }
  const ids = listOf(flags.failId);
  if (ids.length > 0) conditions.failIds = ids;
  if (flags.failOnlyPatchable) conditions.onlyPatchable = true;
  return conditions;
}

function parseFormats(text: string): CiReportFormat[] {
  const names = listOf([text]).map((n) => n.toLowerCase());
  if (names.length === 0) usage('--report-formats: name at least one of html, junit, sarif');
  for (const n of names)
    if (!(ciReportFormats as readonly string[]).includes(n))
      usage(`--report-formats "${n}": expected html, junit or sarif`);
  return [...new Set(names)] as CiReportFormat[];
}

function serverAuth(flags: CiFlags, env: NodeJS.ProcessEnv): ServerAuth {
  const token = env.BULWARK_TOKEN?.trim();
  if (token) return { kind: 'token', token };
  const password = env.BULWARK_PASSWORD;
  if (flags.user && password) return { kind: 'basic', user: flags.user, password };
  if (flags.user) return usage('--user needs the password in the BULWARK_PASSWORD environment variable');
  return usage('no server credentials: set BULWARK_TOKEN (an API token), or --user with BULWARK_PASSWORD');
}

export function toCiSettings(flags: CiFlags, env: NodeJS.ProcessEnv = process.env): CiSettings {
  const imageIds = flags.imageIds
    ? parseImageIds(flags.imageIds, '--image-ids')
    : parseImageIds(env.IMAGE_ID, 'IMAGE_ID');
  if (!flags.server) usage('--server URL is required (the Bulwark server the CI/CD sensor reports to)');
  const server = httpUrl(flags.server as string, '--server');
  const pollIntervalMs = parseDuration(flags.pollInterval, '--poll-interval');
  const timeoutMs = parseDuration(flags.timeout, '--timeout');
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(flags.triggerTag))
    usage(`--trigger-tag "${flags.triggerTag}": not a valid repository name (lower case, digits, . _ -)`);
  const settings: CiSettings = {
    imageIds,
    server,
    auth: serverAuth(flags, env),
    docker: {
      ...(flags.dockerHost ? { host: flags.dockerHost } : {}),
      ...(flags.dockerCertPath ? { certPath: flags.dockerCertPath } : {}),
    },
    triggerTag: flags.triggerTag,
    tag: flags.tag !== false,
    pollIntervalMs,
    timeoutMs,
    conditions: toCiConditions(flags),
    excludeIds: listOf(flags.excludeId),
    reportFormats: parseFormats(flags.reportFormats),
  };
  if (flags.webhook) settings.webhook = httpUrl(flags.webhook, '--webhook');
  if (flags.reportDir) settings.reportDir = flags.reportDir;
  return settings;
}
