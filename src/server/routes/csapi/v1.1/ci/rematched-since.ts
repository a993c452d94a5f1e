/**
 * An image matched while the server had no vulnerability database is checked after all once
 * a re-match of the whole inventory (the `rematch` job, or `db-update`, which ends with one)
 * ran against a database after it: the job_runs log (shared, not per customer) says so.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../../db/schema.js';

export async function rematchedSince(db: Kysely<Database>, since: number): Promise<boolean> {
  const runs = await db
    .selectFrom('job_runs')
    .select('result_json')
    .where('name', 'in', ['rematch', 'db-update'])
    .where('state', '=', 'COMPLETED')
    .where('started_at', '>', since)
    .execute();
  return runs.some((run) => {
    try {
      const result = JSON.parse(run.result_json ?? 'null') as {
        checked?: unknown;
        rematch?: { checked?: unknown };
      } | null;
      return result?.checked === true || result?.rematch?.checked === true;
    } catch {
      return false;
    }
  });
}
