/**
 * Failed-login rate limiting, shared through the database so that every replica of the
 * server behind one PostgreSQL sees the same counters (on SQLite there is one process,
 * and the table works the same way).
 *
 * Each key (`user:<name>`, or `ip:<address>` which many users may share and so gets ten
 * times the allowance) has a fixed window that opens at its first failure and lasts
 * `windowMs`. After `maxFailures` failures in the window, further attempts are refused
 * (429) until the window ends — even with the right password, so guessing cannot
 * continue. A successful login clears the user's key (not the address's). Keys are stored
 * as SHA-256 hashes: the table never holds user names or addresses, and its rows have a
 * fixed size whatever a client sends.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';

/** How often (in failures recorded by this process) expired windows are swept away. */
const SWEEP_EVERY = 500;

export class LoginLimiter {
  private sinceSweep = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private limitOf(key: string): number {
    return key.startsWith('ip:') ? this.maxFailures * 10 : this.maxFailures;
  }

  async isBlocked(keys: string[]): Promise<boolean> {
    const byHash = new Map(keys.map((k) => [hashKey(k), k]));
    const rows = await this.db
      .selectFrom('login_failures')
      .select(['key_hash', 'failures', 'window_start'])
      .where('key_hash', 'in', [...byHash.keys()])
      .execute();
    const open = this.now() - this.windowMs;
    return rows.some((r) => {
      const key = byHash.get(r.key_hash) as string;
      return Number(r.window_start) > open && r.failures >= this.limitOf(key);
    });
  }

  /** Counts one failure for each key: a new window when the key has none or its window ended. */
  async fail(keys: string[]): Promise<void> {
    const now = this.now();
    const open = now - this.windowMs;
    for (const key of keys) {
      // One atomic upsert per key, so two replicas failing at once both count.
      await this.db
        .insertInto('login_failures')
        .values({ key_hash: hashKey(key), failures: 1, window_start: now })
        .onConflict((oc) =>
          oc.column('key_hash').doUpdateSet({
            failures: sql`case when login_failures.window_start <= ${open} then 1 else login_failures.failures + 1 end`,
            window_start: sql`case when login_failures.window_start <= ${open} then ${now} else login_failures.window_start end`,
          }),
        )
        .execute();
    }
    this.sinceSweep += 1;
    if (this.sinceSweep >= SWEEP_EVERY) {
      this.sinceSweep = 0;
      await this.db.deleteFrom('login_failures').where('window_start', '<=', open).execute();
    }
  }

  async succeed(key: string): Promise<void> {
    await this.db.deleteFrom('login_failures').where('key_hash', '=', hashKey(key)).execute();
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
