/**
 * `POST /console/session`: the console's login. The browser sends the user's Basic
 * credentials once (same checks and rate limit as `/csapi`) and gets a 12-hour API token it
 * keeps in sessionStorage; `DELETE /console/session` with that token logs out.
 * Outside `/csapi` so that a user without MANAGE_INVENTORY can still log in and out.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { BulwarkError } from '../../../core/errors.js';
import type { DialectName } from '../../../db/dialects.js';
import { closeSession, openSession } from '../../../db/repositories/console-sessions-repository.js';
import type { Database } from '../../../db/schema.js';
import { authenticate } from '../../auth.js';
import type { LoginLimiter } from '../../login-limiter.js';
import { errorResponses } from '../../schemas.js';

const Session = Type.Object({
  token: Type.String(),
  tokenId: Type.String(),
  username: Type.String(),
  customerId: Type.String(),
  permissions: Type.Array(Type.String()),
  expiresAt: Type.Integer(),
});

export function sessionRoutes(deps: { db: Kysely<Database>; dialect: DialectName; limiter: LoginLimiter }) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/console/session',
      {
        schema: {
          tags: ['console'],
          summary: 'Log in to the web console (Basic credentials in, a 12-hour session token out)',
          response: { 200: Session, ...errorResponses },
        },
      },
      async (req) => {
        if (!req.headers.authorization?.toLowerCase().startsWith('basic '))
          throw new BulwarkError('UNAUTHENTICATED', 'log in with a user name and password');
        const principal = await authenticate(req, deps);
        if (!principal.permissions.has('API_ACCESS'))
          throw new BulwarkError('FORBIDDEN', `user "${principal.username}" lacks permission API_ACCESS`);
        const session = await openSession(deps.db, principal.customerId, principal.username);
        return {
          token: session.token,
          tokenId: session.id,
          username: principal.username,
          customerId: principal.customerId,
          permissions: [...principal.permissions].sort(),
          expiresAt: session.expiresAt,
        };
      },
    );
    app.delete(
      '/console/session',
      {
        schema: {
          tags: ['console'],
          summary: 'Log out of the web console (revokes the session token)',
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        const principal = await authenticate(req, deps);
        const token = (req.headers.authorization ?? '').split(/\s+/, 2)[1] ?? '';
        await closeSession(deps.db, principal.customerId, token);
        return reply.code(204).send(null);
      },
    );
  };
}
