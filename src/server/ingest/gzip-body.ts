/**
 * Accepts `Content-Encoding: gzip` request bodies. The body limit applies to the
 * decompressed bytes: inflating stops one byte past the route's limit, so a gzip bomb is a
 * 413 like any other oversize upload; a corrupt stream is a 400. The (small, bounded) body
 * is inflated in one synchronous call: a streaming inflate hands every chunk to the
 * thread pool and back, which cost more than the inflating itself for SBOM-sized uploads.
 */
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
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
    const limit = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
    const chunks: Buffer[] = [];
    let encoded = 0;
    for await (const chunk of payload as AsyncIterable<Buffer>) {
      encoded += chunk.length;
      // Compressed input past the limit can only inflate to more.
      if (encoded > limit)
        throw new BulwarkError('PAYLOAD_TOO_LARGE', `request body is too large (over ${limit} bytes)`);
      chunks.push(chunk);
    }
    let body: Buffer;
    try {
      body = gunzipSync(Buffer.concat(chunks), { maxOutputLength: limit + 1 });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new BulwarkError(
          'PAYLOAD_TOO_LARGE',
          `request body is too large: it inflates past ${limit} bytes`,
        );
      throw new BulwarkError('BAD_REQUEST', `corrupt gzip body: ${(err as Error).message}`);
    }
    // Fastify checks Content-Length against the encoded byte count when the stream reports it.
    const out = Readable.from([body]) as Readable & { receivedEncodedLength: number };
    out.receivedEncodedLength = encoded;
    return out;
  });
}
