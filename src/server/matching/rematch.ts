/**
 * Re-matching the whole stored inventory after the vulnerability database changed, with
 * no rescan: the distinct packages (name, version, source, type, release…) are listed once,
 * only those an added/changed/withdrawn/removed advisory names are evaluated, each once,
 * and only the findings that differ are written (`syncFindings`).
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { matcherFor } from '../../core/matcher/matchers.js';
import type { DialectName } from '../../db/dialects.js';
import { dialectOf, folded } from '../../db/fold.js';
import type { Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant.js';
import {
  type AdvisoryChanges,
  advisoryChanges,
  matchedDbUpdatedAt,
  pairKey,
  saveMarks,
  saveMatchedDbUpdatedAt,
} from './advisory-changes.js';
import type { AdvisorySource } from './advisory-source.js';
import { matchAsset, softwareMatchColumns } from './match-asset.js';
import { PackageFindings } from './package-findings.js';
import { matchKey, packageFromRow, type StoredSoftware } from './package-row.js';
import { NOT_CHECKED, NOT_MATCHED } from './scan-state.js';
import {
  refreshAssets,
  type SoftwareRow,
  type SyncResult,
  syncFindings,
  type TouchedAssets,
} from './sync-findings.js';

export interface RematchResult extends SyncResult {
  checked: boolean;
  /**
   * True when this process's database is older than the one the inventory was last matched
   * with (a replica whose copy lags): it must not undo newer findings, so nothing was done.
   */
  stale?: boolean;
  changedAdvisories: number;
  /** Distinct packages read because a changed advisory may name them (all of them on a first match). */
  distinctPackages: number;
  /** Distinct packages an advisory change touched, each evaluated once. */
  evaluatedPackages: number;
  /** Assets that were marked "not checked" and were matched again in full. */
  rechecked?: number;
  /** Distinct packages evaluated for those assets beyond `evaluatedPackages` (each once). */
  recheckedPackages?: number;
}

/**
 * Assets matching could not check are matched in full against the database: their packages
 * may be ones no changed advisory names, yet they were never checked. Their `scan_error` is
 * set or cleared anew. `only: 'not-matched'` (the database has not changed since the last
 * pass) takes just those never matched against it (see NOT_MATCHED): the others' reasons
 * came from this very database and would come out the same. One `computed` for the whole
 * pass: a package many assets share is evaluated once.
 */
async function recheckUnchecked(
  db: Kysely<Database>,
  advisories: AdvisorySource,
  computed: PackageFindings,
  now: number,
  only: 'all' | 'not-matched',
): Promise<number> {
  const which =
    only === 'all'
      ? sql<boolean>`scan_error like ${`${NOT_CHECKED}%`}`
      : sql<boolean>`(scan_error in (${sql.join([...NOT_MATCHED.exactly])}) or scan_error like ${`${NOT_MATCHED.startingWith}%`})`;
  // Cross-customer by design (one database serves every customer); each asset is then
  // matched inside its own customer's TenantScope.
  const images = await db.selectFrom('images').select(['id', 'customer_id']).where(which).execute();
  const containers = await db.selectFrom('containers').select(['id', 'customer_id']).where(which).execute();
  const ctx = { advisories, now: () => now };
  const opts = { touch: false, computed };
  for (const r of images) await matchAsset(db, r.customer_id, 'IMAGE', r.id, ctx, opts);
  for (const r of containers) await matchAsset(db, r.customer_id, 'CONTAINER', r.id, ctx, opts);
  return images.length + containers.length;
}

/** A name folded past every ecosystem's normalisation (case, `-_.` runs). */
function loose(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The changed advisories' package names, loosely, whole and by their last `/` or `:`
 * segment (Maven `group:artifact`, Go module paths, npm scopes are stored split), so a row
 * whose name or source name is not in this set cannot be touched by the change.
 */
function changedNames(keys: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const key of keys) {
    const name = key.slice(key.indexOf('\u0000') + 1);
    out.add(loose(name));
    out.add(loose(name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')) + 1)));
  }
  return out;
}

/** Does any lookup this package needs hit one of the changed (ecosystem, name) pairs? */
function touches(row: StoredSoftware, keys: ReadonlySet<string>): boolean {
  const parsed = packageFromRow(row);
  if (!parsed) return false;
  const matcher = matcherFor(parsed.pkg, parsed.os?.family);
  if (!matcher) return false;
  for (const target of matcher.targets(parsed.pkg, parsed.os)) {
    for (const ecosystem of target.ecosystems) if (keys.has(pairKey(ecosystem, target.name))) return true;
  }
  return false;
}

/**
 * The customer's stored packages a change may touch, in batches. The folded names (and
 * source names) in the inventory come from indexes, a few thousand values; when a fifth or
 * more of them are named by the change (a first match, a large update) every row is read,
 * in id order, which is upload order: an asset's packages come together, so its findings go
 * to neighbouring index pages. Otherwise only the rows of the named names are read, so a
 * small update costs what it touches, not what the inventory holds.
 */
async function* candidateRows(
  scope: TenantScope,
  dialect: DialectName,
  named: ReadonlySet<string>,
): AsyncGenerator<SoftwareRow[]> {
  const nameFold = folded(dialect, sql.ref('software.name'));
  const sourceFold = folded(dialect, sql.ref('software.source_name'));
  const names = (await scope.selectFrom('software').select(nameFold.as('n')).distinct().execute()).map(
    (r) => r.n,
  );
  const sources = (
    await scope
      .selectFrom('software')
      .select(sourceFold.as('n'))
      .where('source_name', 'is not', null)
      .distinct()
      .execute()
  ).map((r) => r.n);
  const hitNames = names.filter((n) => named.has(loose(n)));
  const hitSources = sources.filter((n) => named.has(loose(n)));
  if (hitNames.length + hitSources.length === 0) return;
  if ((hitNames.length + hitSources.length) * 5 >= names.length + sources.length) {
    for (let after = 0; ; ) {
      const rows = (await scope
        .selectFrom('software')
        .select(softwareMatchColumns)
        .where('id', '>', after)
        .orderBy('id')
        .limit(5000)
        .execute()) as SoftwareRow[];
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]?.id);
      yield rows;
    }
  }
  // A row named both ways (binary and source) comes once. `is not null` lets the source
  // lookup use its partial index (and is true of every name).
  const seen = new Set<number>();
  const lookups: ['name' | 'source_name', RawBuilder<string>, string[]][] = [
    ['name', nameFold, hitNames],
    ['source_name', sourceFold, hitSources],
  ];
  for (const [column, fold, hit] of lookups) {
    for (let i = 0; i < hit.length; i += 500) {
      const rows = (await scope
        .selectFrom('software')
        .select(softwareMatchColumns)
        .where(column, 'is not', null)
        .where(fold, 'in', hit.slice(i, i + 500))
        .execute()) as SoftwareRow[];
      yield rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
    }
  }
}

export async function rematchInventory(
  db: Kysely<Database>,
  advisories: AdvisorySource,
  opts: { now?: () => number } = {},
): Promise<RematchResult> {
  const empty = { opened: 0, updated: 0, closed: 0, unmatched: 0, assets: 0 };
  const store = advisories.current();
  if (!store)
    return { checked: false, changedAdvisories: 0, distinctPackages: 0, evaluatedPackages: 0, ...empty };
  const now = opts.now?.() ?? Date.now();
  const updatedAt = store.status().updatedAt;
  const matchedWith = await matchedDbUpdatedAt(db);
  if (matchedWith && Date.parse(updatedAt) < Date.parse(matchedWith)) {
    return {
      checked: false,
      stale: true,
      changedAdvisories: 0,
      distinctPackages: 0,
      evaluatedPackages: 0,
      ...empty,
    };
  }
  const computed = new PackageFindings(store, new Date(now));
  const recheckOnly = async (only: 'all' | 'not-matched'): Promise<RematchResult> => {
    const rechecked = await recheckUnchecked(db, advisories, computed, now, only);
    const none = { changedAdvisories: 0, distinctPackages: 0, evaluatedPackages: 0 };
    return { checked: true, ...none, ...empty, rechecked, recheckedPackages: computed.evaluated };
  };
  // The database is the one the inventory was last matched with (the periodic job's usual
  // case): no diff to work out, which would read every record and every mark.
  if (matchedWith === updatedAt) return recheckOnly('not-matched');
  const changes: AdvisoryChanges = await advisoryChanges(db, advisories.path);
  const changed = changes.upserts.length + changes.removed.length;
  if (changed === 0) {
    await saveMatchedDbUpdatedAt(db, updatedAt);
    return recheckOnly('all');
  }
  const named = changedNames(changes.keys);
  const dialect = dialectOf(db);
  // Whether a change touches a distinct package, worked out once per package.
  const verdicts = new Map<string, boolean>();
  const isHit = (row: SoftwareRow): boolean => {
    const key = matchKey(row);
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      // The cheap name test first: the matcher's targets are only worked out for rows that
      // could be named by a changed advisory.
      verdict =
        (named.has(loose(row.name)) || (row.source_name !== null && named.has(loose(row.source_name)))) &&
        touches(row, changes.keys);
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  const total: SyncResult = { ...empty };
  const touched: TouchedAssets = new Map();
  // Per customer, so the rows are read through its TenantScope.
  const customers = await db.selectFrom('customers').select('id').execute();
  for (const { id: customer } of customers) {
    const scope = new TenantScope(db, customer);
    for await (const rows of candidateRows(scope, dialect, named)) {
      const mine = rows.filter(isHit);
      if (mine.length === 0) continue;
      const r = await syncFindings(db, mine, computed, now, { touch: false, touched });
      total.opened += r.opened;
      total.updated += r.updated;
      total.closed += r.closed;
      total.unmatched += r.unmatched;
    }
  }
  // Each changed asset once, however many batches its packages fell into.
  await refreshAssets(db, touched);
  total.assets = touched.size;
  await saveMarks(db, changes);
  await saveMatchedDbUpdatedAt(db, updatedAt);
  const evaluatedPackages = computed.evaluated;
  const rechecked = await recheckUnchecked(db, advisories, computed, now, 'all');
  return {
    checked: true,
    rechecked,
    recheckedPackages: computed.evaluated - evaluatedPackages,
    changedAdvisories: changed,
    distinctPackages: verdicts.size,
    evaluatedPackages,
    ...total,
  };
}
