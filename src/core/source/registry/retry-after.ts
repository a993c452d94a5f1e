/**
 * `Retry-After` (RFC 9110 §10.2.3) as registries send it with 429 Too Many Requests:
 * delay-seconds (`Retry-After: 30`) or an HTTP date. Docker Hub and ECR throttle pulls
 * this way; answering at once only burns more of the quota, so the client waits what
 * the registry asks, within a cap, and gives up after a bounded number of tries.
 */

export interface RateLimitPolicy {
  /** Tries after the first 429 before the request fails with REGISTRY_RATE_LIMITED. */
  maxRetries: number;
  /** Longest single wait; a registry asking for more is waited on for this long only. */
  maxWaitMs: number;
  /** Wait when the 429 names no (readable) Retry-After. */
  defaultWaitMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { maxRetries: 4, maxWaitMs: 60_000, defaultWaitMs: 2_000 };

/**
 * Milliseconds to wait from `now`, or undefined when the header is absent or unreadable.
 * A date in the past means "now" (0).
 */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Only dates in an HTTP-date shape; Date.parse would otherwise take "5 minutes" apart.
  if (!/^[A-Za-z]{3},? /.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The wait for one 429: the registry's Retry-After within the cap, else the default. */
export function rateLimitWait(
  header: string | null | undefined,
  policy: RateLimitPolicy,
  now = Date.now(),
): number {
  const asked = parseRetryAfter(header, now) ?? policy.defaultWaitMs;
  return Math.min(asked, policy.maxWaitMs);
}
