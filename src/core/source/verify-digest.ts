import { createHash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { BulwarkError } from '../errors.js';

export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Throws LAYER_DIGEST_MISMATCH unless `bytes` hash to `expected`. */
export function assertDigest(bytes: Buffer, expected: string, what: string): void {
  const actual = sha256Digest(bytes);
  if (actual !== expected) {
    throw new BulwarkError(
      'LAYER_DIGEST_MISMATCH',
      `${what}: expected ${expected}, the bytes hash to ${actual}`,
    );
  }
}

/**
 * Passes `source` through unchanged and, at its end, errors with LAYER_DIGEST_MISMATCH if
 * the bytes did not hash to `expected` — so a consumer that reads to the end has read
 * exactly the blob the manifest promised, without buffering it.
 */
export function verifyDigestStream(source: Readable, expected: string, what: string): Readable {
  const hash = createHash('sha256');
  let bytes = 0;
  const verifier = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const actual = `sha256:${hash.digest('hex')}`;
      if (actual === expected) callback();
      else {
        callback(
          new BulwarkError(
            'LAYER_DIGEST_MISMATCH',
            `${what}: expected ${expected}, received ${bytes} bytes hashing to ${actual}`,
          ),
        );
      }
    },
  });
  source.on('error', (err) => verifier.destroy(err));
  verifier.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  return source.pipe(verifier);
}
