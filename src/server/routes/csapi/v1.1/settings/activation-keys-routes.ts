/**
 * `/csapi/v1.1/settings/activation-keys`: the ActivationIds sensors enrol with, and the
 * CustomerId they go with — what the console's install lines (docker run, systemd, Helm)
 * need. Revoking one stops new enrolments with it; enrolled sensors keep their identity.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  createActivationId,
  listActivationIds,
  revokeActivationId,
} from '../../../../../db/repositories/accounts-repository.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { errorResponses, IdParam, Nullable } from '../../../../schemas.js';
import { requireAdmin } from './require-admin.js';

const ActivationKeys = Type.Object({
  customerId: Type.String(),
  keys: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      created: Type.Integer(),
      revokedAt: Nullable(Type.Integer()),
    }),
  ),
});

export function activationKeysRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('preHandler', requireAdmin);
    const tags = ['settings'];
    app.get(
      '/settings/activation-keys',
      {
        schema: {
          tags,
          summary: 'Sensor activation keys of the customer, with its CustomerId',
          response: { 200: ActivationKeys, ...errorResponses },
        },
      },
      async (req) => {
        const customerId = scopeOf(req).customerId;
        const rows = await listActivationIds(deps.db, customerId);
        return {
          customerId,
          keys: rows.map((r) => ({
            id: r.id,
            name: r.name,
            created: Number(r.created_at),
            revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
          })),
        };
      },
    );
    app.post(
      '/settings/activation-keys',
      {
        schema: {
          tags,
          summary: 'Create a sensor activation key',
          body: Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 100 }) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ id: Type.String() }), ...errorResponses },
        },
      },
      async (req) => ({ id: await createActivationId(deps.db, scopeOf(req).customerId, req.body.name) }),
    );
    app.delete(
      '/settings/activation-keys/:keyId',
      {
        schema: {
          tags,
          summary: 'Revoke a sensor activation key',
          params: IdParam('keyId', 'activation key id'),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await revokeActivationId(deps.db, scopeOf(req).customerId, req.params.keyId);
        return reply.code(204).send(null);
      },
    );
  };
}
