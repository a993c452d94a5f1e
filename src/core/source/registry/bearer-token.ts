/**
 * Bearer tokens from a registry's token service (the distribution token spec): the token,
 * when it stops being good, and a cache shared by every client of one scan job, so a job
 * over many images of one repository asks the token service once per token lifetime, not
 * once per request. A token is renewed before it expires (a quarter of its lifetime, at
 * most 30 s, ahead), so a long job does not run into 401s; one the registry rejects anyway
 * (clock skew, revocation) is dropped and fetched again by the client.
 */

export interface BearerToken {
  value: string;
  /** Epoch ms after which the token must not be sent; measured on our clock from receipt. */
  expiresAt: number;
  /** Epoch ms from which the client renews it before use. */
  renewAt: number;
}

/** The spec's default when the service sends no `expires_in`. */
const DEFAULT_LIFETIME_S = 60;
const MAX_RENEW_AHEAD_MS = 30_000;

/**
 * Reads a token service answer (`{token | access_token, expires_in?}`); undefined when it
 * holds no token. `expires_in` is read against our own clock at receipt, not `issued_at`,
 * so a token service with a skewed clock cannot make a fresh token look stale.
 */
export function readTokenAnswer(json: unknown, receivedAt = Date.now()): BearerToken | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const answer = json as { token?: unknown; access_token?: unknown; expires_in?: unknown };
  const value = answer.token ?? answer.access_token;
  if (typeof value !== 'string' || value === '') return undefined;
  const seconds =
    typeof answer.expires_in === 'number' && Number.isFinite(answer.expires_in) && answer.expires_in > 0
      ? answer.expires_in
      : DEFAULT_LIFETIME_S;
  const lifetime = seconds * 1000;
  const expiresAt = receivedAt + lifetime;
  return { value, expiresAt, renewAt: expiresAt - Math.min(lifetime / 4, MAX_RENEW_AHEAD_MS) };
}

/** Tokens by what they were asked for (realm, service, scope, who asked). */
export class TokenCache {
  private readonly tokens = new Map<string, BearerToken>();
  private readonly challenges = new Map<string, Record<string, string>>();

  /** The Bearer challenge a registry answered for a repository, so other clients skip the anonymous try. */
  challenge(key: string): Record<string, string> | undefined {
    return this.challenges.get(key);
  }

  rememberChallenge(key: string, params: Record<string, string>): void {
    this.challenges.set(key, params);
  }

  /** A token still good for use at `now`, not due for renewal. */
  fresh(key: string, now = Date.now()): BearerToken | undefined {
    const token = this.tokens.get(key);
    return token && now < token.renewAt ? token : undefined;
  }

  set(key: string, token: BearerToken): void {
    this.tokens.set(key, token);
  }

  /** Forgets a token the registry refused. */
  drop(key: string, value: string): void {
    if (this.tokens.get(key)?.value === value) this.tokens.delete(key);
  }
}
