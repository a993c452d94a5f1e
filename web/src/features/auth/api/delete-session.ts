/** DELETE /console/session: revokes the session token (logout). */
import { apiFetch } from '../../../lib/api-client';

export const deleteSession = () => apiFetch<void>({ method: 'DELETE', path: '/console/session' });
