/** POST /console/session: Basic credentials in, a console session token out. */
import { apiFetch } from '../../../lib/api-client';
import type { Session } from '../../../lib/session';

export const createSessionRequest = { method: 'POST' as const, path: '/console/session' };

export function createSession(username: string, password: string): Promise<Session> {
  const basic = btoa(unescape(encodeURIComponent(`${username}:${password}`)));
  return apiFetch<Session>(createSessionRequest, { auth: `Basic ${basic}` });
}
