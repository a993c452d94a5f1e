/**
 * Failed-login rate limiting, in memory: after `maxFailures` failed logins for one user name
 * (or ten times that from one address, which many users may share) within `windowMs`,
 * further attempts are refused (429) until the window passes — even with the right
 * password, so guessing cannot continue. A success clears the user's counter. (With several
 * replicas each keeps its own count; that still bounds guessing.)
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  private limitOf(key: string): number {
    return key.startsWith('ip:') ? this.maxFailures * 10 : this.maxFailures;
  }

  isBlocked(keys: string[]): boolean {
    return keys.some((k) => this.recent(k).length >= this.limitOf(k));
  }

  fail(keys: string[]): void {
    for (const k of keys) this.failures.set(k, [...this.recent(k), this.now()]);
    // Bound memory under a flood of distinct names.
    if (this.failures.size > 100_000) this.failures.clear();
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
