/**
 * `POST /csapi/v1.1/uploads/sbom`: a user (API token, as `bulwark scan image --upload` sends
 * with BULWARK_TOKEN) uploads an image SBOM the way sensors do, recorded with source `CLI`.
 * Same body (SbomUploadV1), same idempotency, same matching afterwards.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { BulwarkError } from '../../../../../core/errors.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { acceptGzipBodies } from '../../../../ingest/gzip-body.js';
import { IdempotencyHeaders, SbomUploadV1, UploadAccepted } from '../../../../ingest/ingest-schemas.js';
import { errorResponses } from '../../../../schemas.js';
import { INGEST_BODY_LIMIT, ingestSbom } from '../../../../sensor/sensor-routes.js';

export function uploadsRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    acceptGzipBodies(plain);
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/uploads/sbom',
      {
        bodyLimit: INGEST_BODY_LIMIT,
        schema: {
          tags: ['uploads'],
          summary: 'Upload an image SBOM from a CLI scan (source CLI); schema SbomUploadV1',
          headers: IdempotencyHeaders,
          body: SbomUploadV1,
          response: { 200: UploadAccepted, ...errorResponses },
        },
      },
      async (req, reply) => {
        if (req.body.assetType !== 'IMAGE')
          throw new BulwarkError(
            'BAD_REQUEST',
            'invalid body: CLI uploads are image SBOMs (assetType IMAGE)',
          );
        const scope = scopeOf(req);
        const userId = req.principal?.userId ?? 'unknown';
        return ingestSbom(
          deps,
          { key: `user:${userId}`, scope, sensorId: null, hostId: null, source: 'CLI' },
          req.headers['idempotency-key'],
          req.body,
          reply,
        );
      },
    );
  };
}
