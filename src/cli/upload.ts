/**
 * `scan image … --upload URL`: sends the scan's SBOM to a Bulwark server the way sensors
 * do (SbomUploadV1, gzip), authenticated with the API token in BULWARK_TOKEN, recorded
 * there with source CLI. The idempotency key is the hash of what is sent, so rerunning
 * the same scan (or retrying after a lost answer) stores nothing twice.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { BulwarkError } from '../core/errors.js';
import { encodeSbom } from '../core/sbom/format/sbom-formats.js';
import type { Sbom } from '../core/sbom/model.js';

export interface UploadTarget {
  endpoint: string;
  token: string;
}

/** Checks the URL and the token before the (possibly long) scan. */
export function uploadTarget(url: string, env: NodeJS.ProcessEnv = process.env): UploadTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BulwarkError('USAGE', `--upload "${url}": not a URL (e.g. https://bulwark.example.com)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new BulwarkError('USAGE', `--upload "${url}": use an http:// or https:// URL`);
  const token = env.BULWARK_TOKEN?.trim();
  if (!token)
    throw new BulwarkError('USAGE', '--upload needs an API token in the BULWARK_TOKEN environment variable');
  const base = parsed.toString().replace(/\/+$/, '');
  return { endpoint: `${base}/csapi/v1.1/uploads/sbom`, token };
}

export async function uploadSbom(
  target: UploadTarget,
  sbom: Sbom,
): Promise<{ assetUuid: string; software: number }> {
  const imageSha = sbom.image.imageId.replace(/^sha256:/, '');
  if (!/^[0-9a-f]{64}$/.test(imageSha))
    throw new BulwarkError(
      'UPLOAD_FAILED',
      `cannot upload: the image has no config digest (got "${sbom.image.imageId}")`,
    );
  const body = JSON.stringify({
    schemaVersion: 1,
    assetType: 'IMAGE',
    imageSha,
    repoTags: sbom.image.repoTags,
    sbom: JSON.parse(encodeSbom('cyclonedx', sbom)) as unknown,
  });
  const key = `cli-${createHash('sha256').update(body).digest('hex').slice(0, 40)}`;
  let res: Response;
  try {
    res = await fetch(target.endpoint, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${target.token}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'idempotency-key': key,
      },
      body: gzipSync(body),
    });
  } catch (err) {
    const why =
      err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    throw new BulwarkError('UPLOAD_FAILED', `upload to ${target.endpoint} failed: ${why}`, { cause: err });
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text.slice(0, 300);
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep the text
    }
    throw new BulwarkError(
      'UPLOAD_FAILED',
      `upload to ${target.endpoint} refused (${res.status}): ${message}`,
    );
  }
  return JSON.parse(text) as { assetUuid: string; software: number };
}
