/**
 * `GET /csapi/v1.1/counts?entity=…&filters=["qql 1","qql 2",…]`: how many rows each QQL
 * filter matches, from one query — the same numbers as `GET /<entity>?filter=…`'s `count`.
 * The console's grouped and trend widgets ask for all their segments at once.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import { countEach } from '../../../../../db/repositories/multi-count-repository.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { qqlWhereLooked } from '../../../../qql-lookups.js';
import { errorResponses } from '../../../../schemas.js';

const ENTITIES = ['images', 'containers', 'events', 'sensors'] as const;
const MAX_FILTERS = 24;

const Query = Type.Object(
  {
    entity: Type.Union(ENTITIES.map((e) => Type.Literal(e))),
    filters: Type.String({
      maxLength: 32_768,
      description: `JSON array of 1-${MAX_FILTERS} QQL filters ("" counts every row)`,
    }),
  },
  { additionalProperties: false },
);

function parseFilters(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BulwarkError('BAD_REQUEST', 'filters must be a JSON array of strings');
  }
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_FILTERS)
    throw new BulwarkError('BAD_REQUEST', `filters must be a JSON array of 1 to ${MAX_FILTERS} strings`);
  return value.map((f) => {
    if (typeof f !== 'string' || f.length > 4096)
      throw new BulwarkError('BAD_REQUEST', 'each filter must be a string of at most 4096 characters');
    return f;
  });
}

export function countsRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/counts',
      {
        schema: {
          tags: ['inventory'],
          summary: 'Row counts of several QQL filters on one entity, in one query',
          querystring: Query,
          response: { 200: Type.Object({ counts: Type.Array(Type.Integer()) }), ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const now = Date.now();
        const filters = await Promise.all(
          parseFilters(req.query.filters).map((f) =>
            qqlWhereLooked(deps.db, req.query.entity, f, {
              dialect: deps.dialect,
              customerId: scope.customerId,
              now,
            }),
          ),
        );
        return { counts: await countEach(scope, req.query.entity, filters) };
      },
    );
  };
}
