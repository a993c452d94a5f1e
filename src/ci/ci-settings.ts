/**
 * The settings of one `bulwark ci` run, as the run takes them: checked and typed. The CLI
 * builds them from flags, BULWARK_* variables and the config file (src/cli/commands/ci-options.ts).
 */
import type { FailConditions } from '../core/policy/fail-conditions.js';

/** Which CVSS scores `--fail-cvss` reads: the reference's v2 or v3 (3.0 and 3.1), or any. */
export type CvssVersionChoice = '2' | '3' | 'any';

export interface CiConditions extends FailConditions {
  cvssVersion: CvssVersionChoice;
}

export type ServerAuth = { kind: 'token'; token: string } | { kind: 'basic'; user: string; password: string };

export interface CiSettings {
  imageIds: string[];
  server: URL;
  auth: ServerAuth;
  docker: { host?: string; certPath?: string };
  triggerTag: string;
  /** false (`--no-tag`): the images are already tagged or scanned some other way. */
  tag: boolean;
  pollIntervalMs: number;
  timeoutMs: number;
  conditions: CiConditions;
  /** Vulnerability ids (or aliases) left out of every condition and report count. */
  excludeIds: string[];
  webhook?: URL;
  reportDir?: string;
  reportFormats: CiReportFormat[];
}

export const ciReportFormats = ['html', 'junit', 'sarif'] as const;
export type CiReportFormat = (typeof ciReportFormats)[number];
