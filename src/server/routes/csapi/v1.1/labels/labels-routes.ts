/**
 * `GET /csapi/v1.1/labels/top?entity=images|containers&limit=N`: the label key=value pairs
 * the most images or containers carry (the default dashboard's "by label" widget).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { topLabels } from '../../../../../db/repositories/label-stats-repository.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { errorResponses } from '../../../../schemas.js';

const Query = Type.Object(
  {
    entity: Type.Union([Type.Literal('images'), Type.Literal('containers')]),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  },
  { additionalProperties: false },
);

const LabelCount = Type.Object({ key: Type.String(), value: Type.String(), count: Type.Integer() });

export function labelsRoutes(_deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/labels/top',
      {
        schema: {
          tags: ['inventory'],
          summary: 'Label key=value pairs carried by the most images or containers',
          querystring: Query,
          response: { 200: Type.Array(LabelCount), ...errorResponses },
        },
      },
      async (req) => topLabels(scopeOf(req), req.query.entity, req.query.limit ?? 10),
    );
  };
}
