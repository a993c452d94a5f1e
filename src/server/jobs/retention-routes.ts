/**
 * `GET|PUT /csapi/v1.1/settings/retention`: the caller's data-retention rules (days, 1–365;
 * 0 removes a rule). The purge job enforces them.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { retentionRules, setRetention } from '../../db/repositories/retention-repository.js';
import type { RouteDeps } from '../app.js';
import { scopeOf } from '../auth.js';
import { errorResponses } from '../schemas.js';

// 0, not null, removes a rule: the API coerces types, and ajv would turn 0 into null anyway.
const Days = Type.Integer({ minimum: 0, maximum: 365, description: 'days (1-365); 0 removes the rule' });

const RetentionRules = Type.Object(
  {
    'stopped-containers': Type.Optional(Days),
    'images-without-containers': Type.Optional(Days),
    'unknown-sensors': Type.Optional(Days),
    events: Type.Optional(Days),
  },
  {
    additionalProperties: false,
    description: 'days after which each kind of data is purged; absent: kept',
  },
);

export function retentionRoutes(_deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/settings/retention',
      {
        schema: {
          tags: ['settings'],
          summary: 'Data-retention rules of the caller',
          response: { 200: RetentionRules, ...errorResponses },
        },
      },
      async (req) => retentionRules(scopeOf(req)),
    );
    app.put(
      '/settings/retention',
      {
        schema: {
          tags: ['settings'],
          summary: 'Set data-retention rules (days 1-365; 0 removes a rule; absent rules unchanged)',
          body: RetentionRules,
          response: { 200: RetentionRules, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await scope.transaction(async (tx) => {
          for (const [rule, days] of Object.entries(req.body))
            await setRetention(tx, rule, days === 0 ? null : days);
        });
        return retentionRules(scope);
      },
    );
  };
}
