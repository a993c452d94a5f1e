/**
 * Authentication for `/csapi`: Basic (user name + password, as in the reference samples) or
 * `Authorization: Bearer <API token>`. Sets `req.principal` and `req.scope` (the caller's
 * TenantScope — the only door to inventory rows). Missing or wrong credentials: 401; a
 * user without API_ACCESS: 403; writes also need MANAGE_INVENTORY.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import type { DialectName } from '../db/dialects.js';
import type { Permission } from '../db/permissions.js';
import {
  findLogin,
  type Principal,
  principalFor,
  principalForToken,
} from '../db/repositories/accounts-repository.js';
import type { Database } from '../db/schema.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../db/secrets.js';
import { TenantScope } from '../db/tenant.js';
import type { LoginLimiter } from './login-limiter.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    scope: TenantScope | null;
  }
}

export interface AuthDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  limiter: LoginLimiter;
}

function decodeBasic(value: string): { username: string; password: string } | null {
  let text: string;
  try {
    text = Buffer.from(value, 'base64').toString('utf8');
  } catch {
    return null;
  }
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

export async function authenticate(req: FastifyRequest, deps: AuthDeps): Promise<Principal> {
  const header = req.headers.authorization;
  if (!header) throw new BulwarkError('UNAUTHENTICATED', 'authentication required (Basic or Bearer token)');
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') {
    const keys = [`ip:${req.ip}`];
    if (await deps.limiter.isBlocked(keys))
      throw new BulwarkError('RATE_LIMITED', 'too many failed logins; retry later');
    const principal = await principalForToken(deps.db, value);
    if (!principal) {
      await deps.limiter.fail(keys);
      throw new BulwarkError('UNAUTHENTICATED', 'the API token is unknown, revoked or expired');
    }
    return principal;
  }
  if (scheme?.toLowerCase() !== 'basic')
    throw new BulwarkError('UNAUTHENTICATED', `unsupported scheme "${scheme}"`);
  const creds = decodeBasic(value);
  if (!creds) throw new BulwarkError('UNAUTHENTICATED', 'malformed Basic credentials');
  const keys = [`user:${creds.username}`, `ip:${req.ip}`];
  if (await deps.limiter.isBlocked(keys))
    throw new BulwarkError('RATE_LIMITED', 'too many failed logins; retry later');
  const user = await findLogin(deps.db, creds.username);
  const ok = await verifyPassword(creds.password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) {
    await deps.limiter.fail(keys);
    throw new BulwarkError('UNAUTHENTICATED', 'wrong user name or password');
  }
  await deps.limiter.succeed(`user:${creds.username}`);
  return principalFor(deps.db, user);
}

function required(method: string): Permission[] {
  return method === 'GET' || method === 'HEAD' ? ['API_ACCESS'] : ['API_ACCESS', 'MANAGE_INVENTORY'];
}

/** Registers the hook on an encapsulated context (the `/csapi` routes). */
export function requireUser(app: FastifyInstance, deps: AuthDeps): void {
  app.addHook('onRequest', async (req) => {
    const principal = await authenticate(req, deps);
    const missing = required(req.method).filter((p) => !principal.permissions.has(p));
    if (missing.length > 0) {
      throw new BulwarkError(
        'FORBIDDEN',
        `user "${principal.username}" lacks permission ${missing.join(', ')}`,
      );
    }
    req.principal = principal;
    req.scope = new TenantScope(deps.db, principal.customerId);
  });
}

/** The caller's scope; routes behind `requireUser` always have one. */
export function scopeOf(req: FastifyRequest): TenantScope {
  if (!req.scope) throw new BulwarkError('UNAUTHENTICATED', 'authentication required');
  return req.scope;
}
