/**
 * `/csapi/v1.1/tokens`: the caller's own API tokens (the console's user menu). Console
 * session tokens are listed too, so a user can see and end other sessions.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../../../../db/repositories/accounts-repository.js';
import type { RouteDeps } from '../../../../app.js';
import { errorResponses, IdParam, Nullable } from '../../../../schemas.js';

const Token = Type.Object({
  id: Type.String(),
  name: Type.String(),
  created: Type.Integer(),
  expiresAt: Nullable(Type.Integer()),
  revokedAt: Nullable(Type.Integer()),
  lastUsedAt: Nullable(Type.Integer()),
});

const CreateToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  },
  { additionalProperties: false },
);

function principal(req: { principal: { customerId: string; username: string } | null }) {
  if (!req.principal) throw new BulwarkError('UNAUTHENTICATED', 'authentication required');
  return req.principal;
}

async function ownTokens(db: RouteDeps['db'], customerId: string, username: string) {
  const rows = await listApiTokens(db, customerId);
  return rows.filter((t) => t.username === username);
}

export function tokensRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['console'];
    app.get(
      '/tokens',
      {
        schema: {
          tags,
          summary: 'API tokens of the calling user',
          response: { 200: Type.Array(Token), ...errorResponses },
        },
      },
      async (req) => {
        const p = principal(req);
        return (await ownTokens(deps.db, p.customerId, p.username)).map((t) => ({
          id: t.id,
          name: t.name,
          created: Number(t.created_at),
          expiresAt: t.expires_at === null ? null : Number(t.expires_at),
          revokedAt: t.revoked_at === null ? null : Number(t.revoked_at),
          lastUsedAt: t.last_used_at === null ? null : Number(t.last_used_at),
        }));
      },
    );
    app.post(
      '/tokens',
      {
        schema: {
          tags,
          summary: 'Create an API token for the calling user; the secret is shown only in this answer',
          body: CreateToken,
          response: { 200: Type.Object({ id: Type.String(), token: Type.String() }), ...errorResponses },
        },
      },
      async (req) => {
        const p = principal(req);
        const days = req.body.expiresInDays;
        return createApiToken(
          deps.db,
          p.customerId,
          p.username,
          req.body.name,
          days ? Date.now() + days * 86_400_000 : null,
        );
      },
    );
    app.delete(
      '/tokens/:tokenId',
      {
        schema: {
          tags,
          summary: 'Revoke one of the calling user’s API tokens',
          params: IdParam('tokenId', 'token id'),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        const p = principal(req);
        const own = await ownTokens(deps.db, p.customerId, p.username);
        if (!own.some((t) => t.id === req.params.tokenId))
          throw new BulwarkError('NOT_FOUND', `no API token ${req.params.tokenId}`);
        await revokeApiToken(deps.db, p.customerId, req.params.tokenId);
        return reply.code(204).send(null);
      },
    );
  };
}
