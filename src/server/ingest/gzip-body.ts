/**
 * Accepts `Content-Encoding: gzip` request bodies. The body limit applies to the
 * decompressed bytes (Fastify counts what the returned stream yields), so a gzip bomb is a
 * 413 like any other oversize upload; a corrupt stream is a 400.
 */
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { BulwarkError } from '../../core/errors.js';

export function acceptGzipBodies(app: FastifyInstance): void {
  app.addHook('preParsing', async (req, _reply, payload) => {
    const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding === 'identity') return payload;
    if (encoding !== 'gzip')
      throw new BulwarkError(
        'BAD_REQUEST',
        `Content-Encoding "${encoding}" is not supported (gzip or identity)`,
      );
    const gunzip = createGunzip();
    // Fastify checks Content-Length against the encoded byte count when the stream reports it.
    const out = gunzip as unknown as Readable & { receivedEncodedLength: number };
    out.receivedEncodedLength = 0;
    payload.on('data', (chunk: Buffer) => {
      out.receivedEncodedLength += chunk.length;
    });
    gunzip.on('error', (err) => {
      Object.assign(err, { statusCode: 400 });
    });
    payload.pipe(gunzip);
    return out;
  });
}
