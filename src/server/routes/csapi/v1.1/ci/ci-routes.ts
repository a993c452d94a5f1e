/**
 * `GET /csapi/v1.1/ci/images/{imageId}/vuln`, the route `bulwark ci` polls, answering as the
 * reference's CI plugins expect: 204 while the CI/CD sensor and the server are still
 * processing the image (not reported yet, or its latest SBOM not matched yet), 200 with the
 * vulnerabilities when complete. Unlike `/images/{imageId}/vuln`, an image the server has
 * not seen yet is "processing", not 404: the sensor may not have uploaded it yet.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ciImageResult } from '../../../../../db/repositories/ci-results-repository.js';
import { scopeOf } from '../../../../auth.js';
import { errorResponses, IdParam } from '../../../../schemas.js';
import { CiImageResult } from './ci-schemas.js';

export function ciRoutes() {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/ci/images/:imageId/vuln',
      {
        schema: {
          tags: ['ci'],
          summary:
            'CI gate: 204 while the image is being processed, 200 with its vulnerabilities when complete',
          params: IdParam(
            'imageId',
            'image sha256 (64 hex, with or without sha256:), 12-hex image id or UUID',
          ),
          response: {
            200: CiImageResult,
            204: Type.Null({ description: 'the sensor or the server is still processing the image' }),
            ...errorResponses,
          },
        },
      },
      async (req, reply) => {
        const answer = await ciImageResult(scopeOf(req), req.params.imageId);
        if (answer.state === 'processing') return reply.code(204).send(null);
        return answer.result;
      },
    );
  };
}
