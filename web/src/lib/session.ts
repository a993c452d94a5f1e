/**
 * The console session: the token `POST /console/session` handed out, kept in
 * sessionStorage (gone when the tab closes) and read by every API call.
 */
export interface Session {
  token: string;
  tokenId: string;
  username: string;
  customerId: string;
  permissions: string[];
  expiresAt: number;
}

const KEY = 'bulwark.session';
type Listener = () => void;
const listeners = new Set<Listener>();

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === 'string' && typeof v.username === 'string' && typeof v.expiresAt === 'number';
}

export function readSession(): Session | null {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!isSession(parsed) || parsed.expiresAt <= Date.now()) return null;
    return parsed;
  } catch {
    return null;
  }
}

export function writeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const l of listeners) l();
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
