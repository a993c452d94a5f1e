/**
 * Console sessions are short-lived API tokens named "console session": one credential
 * kind, one revocation path, and `last_used_at` shows console activity like any token.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { sha256Hex } from '../secrets.js';
import { TenantScope } from '../tenant.js';
import { createApiToken } from './accounts-repository.js';

export const SESSION_TOKEN_NAME = 'console session';
export const SESSION_HOURS = 12;

export async function openSession(
  db: Kysely<Database>,
  customerId: string,
  username: string,
  now = Date.now(),
): Promise<{ id: string; token: string; expiresAt: number }> {
  const expiresAt = now + SESSION_HOURS * 3600_000;
  const created = await createApiToken(db, customerId, username, SESSION_TOKEN_NAME, expiresAt);
  return { ...created, expiresAt };
}

/** Revokes the session token itself (by its secret); false when it was not a live session. */
export async function closeSession(
  db: Kysely<Database>,
  customerId: string,
  token: string,
): Promise<boolean> {
  const res = await new TenantScope(db, customerId)
    .updateTable('api_tokens')
    .set({ revoked_at: Date.now() })
    .where('token_hash', '=', sha256Hex(token))
    .where('name', '=', SESSION_TOKEN_NAME)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
