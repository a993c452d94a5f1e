/**
 * What changed in the vulnerability database since the inventory was last matched: the
 * records whose `modified`/`withdrawn` differ from the marks kept in the platform database
 * (new, changed, withdrawn and removed records), and every (ecosystem, name) they name,
 * before and after, so only the packages those touch are re-matched.
 */
import Sqlite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { normalizePackageName } from '../../core/advisory/package-name.js';
import type { Database } from '../../db/schema.js';

export interface AdvisoryChanges {
  /** Marks to write once the re-match is done. */
  upserts: { id: string; modified: string; keys_json: string }[];
  removed: string[];
  /** `ecosystem\0normalised name` of every package named by a changed record. */
  keys: Set<string>;
}

/** The mark holding the `updated_at` of the database last matched with (no OSV id starts with `~`). */
export const DB_MARK = '~bulwark:db';

/** When the database the stored findings reflect was written; undefined before the first re-match. */
export async function matchedDbUpdatedAt(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db
    .selectFrom('advisory_marks')
    .select('modified')
    .where('id', '=', DB_MARK)
    .executeTakeFirst();
  return row?.modified;
}

export async function saveMatchedDbUpdatedAt(db: Kysely<Database>, updatedAt: string): Promise<void> {
  await db
    .insertInto('advisory_marks')
    .values({ id: DB_MARK, modified: updatedAt, keys_json: '[]' })
    .onConflict((oc) => oc.column('id').doUpdateSet({ modified: updatedAt }))
    .execute();
}

export function pairKey(ecosystem: string, name: string): string {
  return `${ecosystem}\u0000${normalizePackageName(ecosystem, name)}`;
}

export async function advisoryChanges(db: Kysely<Database>, vulnDbPath: string): Promise<AdvisoryChanges> {
  const marks = new Map<string, { modified: string; keys_json: string }>();
  for (const m of await db.selectFrom('advisory_marks').selectAll().execute())
    if (!m.id.startsWith(DB_MARK)) marks.set(m.id, m);
  const file = new Sqlite(vulnDbPath, { readonly: true, fileMustExist: true });
  try {
    const records = file
      .prepare<[], { id: string; modified: string; withdrawn: string | null }>(
        'SELECT id, modified, withdrawn FROM records',
      )
      .all();
    const pairsOf = file.prepare<[string], { ecosystem: string; name: string }>(
      'SELECT ecosystem, name FROM affected_index WHERE record_id = ?',
    );
    const changes: AdvisoryChanges = { upserts: [], removed: [], keys: new Set() };
    const present = new Set<string>();
    for (const r of records) {
      present.add(r.id);
      const stamp = `${r.modified}|${r.withdrawn ?? ''}`;
      const prior = marks.get(r.id);
      if (prior?.modified === stamp) continue;
      const pairs = pairsOf.all(r.id).map((p) => [p.ecosystem, p.name] as [string, string]);
      for (const [e, n] of pairs) changes.keys.add(pairKey(e, n));
      if (prior)
        for (const [e, n] of JSON.parse(prior.keys_json) as [string, string][])
          changes.keys.add(pairKey(e, n));
      changes.upserts.push({ id: r.id, modified: stamp, keys_json: JSON.stringify(pairs) });
    }
    for (const [id, prior] of marks) {
      if (present.has(id)) continue;
      changes.removed.push(id);
      for (const [e, n] of JSON.parse(prior.keys_json) as [string, string][]) changes.keys.add(pairKey(e, n));
    }
    return changes;
  } finally {
    file.close();
  }
}

/** Records the new marks once the findings they led to are written. */
export async function saveMarks(db: Kysely<Database>, changes: AdvisoryChanges): Promise<void> {
  for (let i = 0; i < changes.removed.length; i += 500) {
    await db
      .deleteFrom('advisory_marks')
      .where('id', 'in', changes.removed.slice(i, i + 500))
      .execute();
  }
  for (let i = 0; i < changes.upserts.length; i += 200) {
    await db
      .insertInto('advisory_marks')
      .values(changes.upserts.slice(i, i + 200))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          modified: eb.ref('excluded.modified'),
          keys_json: eb.ref('excluded.keys_json'),
        })),
      )
      .execute();
  }
}
