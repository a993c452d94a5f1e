/** Who is uploading: a sensor (its host, its mode) or a user running `scan image --upload`. */
import type { TenantScope } from '../../db/tenant.js';

export interface Uploader {
  /** Receipts are kept per uploader: a sensor UUID or `user:<id>`. */
  key: string;
  scope: TenantScope;
  sensorId: string | null;
  hostId: string | null;
  /** Image source recorded for what this uploader reports: GENERAL, CICD, REGISTRY or CLI. */
  source: string;
}

export function sha64(text: string): string {
  return text.replace(/^sha256:/, '');
}
