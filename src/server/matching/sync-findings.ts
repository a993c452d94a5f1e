/**
 * Writes what a matching pass found for a set of stored packages: new findings are opened,
 * changed ones updated, vanished ones CLOSED (never deleted, so "fixed in the last 7 days"
 * can be asked), untouched ones left alone; then the severity counts of exactly the assets
 * that changed are recomputed.
 */
import type { Kysely } from 'kysely';
import { refreshSeverityCountsOf } from '../../db/repositories/inventory-writer.js';
import type { AssetType, Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant.js';
import { refreshRogue, scannedContainersOf } from '../ingest/rogue.js';
import { type ComputedFinding, type PackageFindings, qidOf } from './package-findings.js';
import type { StoredSoftware } from './package-row.js';

export interface SoftwareRow extends StoredSoftware {
  id: number;
  customer_id: string;
  asset_type: AssetType;
  asset_uuid: string;
}

export interface SyncResult {
  opened: number;
  updated: number;
  closed: number;
  /** Rows that could not be matched (no match facts): their findings are left as they were. */
  unmatched: number;
  /** Assets whose findings changed. */
  assets: number;
}

const chunk = 500;

function* chunks<T>(items: readonly T[], size = chunk): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function differs(open: OpenFinding, f: ComputedFinding): boolean {
  return (
    open.severity !== f.severity ||
    open.fixed_version !== f.fixedVersion ||
    Number(open.patchable) !== f.patchable ||
    Number(open.confirmed) !== f.confirmed ||
    open.evidence_json !== f.evidenceJson
  );
}

interface OpenFinding {
  id: number;
  software_id: number;
  vulnerability_id: string;
  severity: number;
  fixed_version: string | null;
  patchable: number;
  confirmed: number;
  evidence_json: string | null;
}

export async function upsertComputedVulnerabilities(
  db: Kysely<Database>,
  vulns: ComputedFinding['vulnerability'][],
): Promise<void> {
  const unique = [...new Map(vulns.map((v) => [v.id, v])).values()];
  for (const part of chunks(unique, 100)) {
    await db
      .insertInto('vulnerabilities')
      .values(
        part.map((v) => ({
          id: v.id,
          qid: qidOf(v.id),
          cve: v.id.startsWith('CVE-') ? v.id : (v.aliases.find((a) => a.startsWith('CVE-')) ?? null),
          title: v.title,
          severity: v.severity,
          cvss_score: v.cvssScore,
          cvss_vector: v.cvssVector,
          published: v.published,
          modified: null,
          aliases_json: JSON.stringify(v.aliases),
        })),
      )
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          severity: eb.ref('excluded.severity'),
          cvss_score: eb.ref('excluded.cvss_score'),
          cvss_vector: eb.ref('excluded.cvss_vector'),
          published: eb.ref('excluded.published'),
          aliases_json: eb.ref('excluded.aliases_json'),
        })),
      )
      .execute();
    const aliases = part.flatMap((v) => v.aliases.map((alias) => ({ vulnerability_id: v.id, alias })));
    for (const a of chunks(aliases, 200)) {
      await db
        .insertInto('vulnerability_aliases')
        .values(a)
        .onConflict((oc) => oc.columns(['vulnerability_id', 'alias']).doNothing())
        .execute();
    }
  }
}

/** Assets whose findings changed, by uuid: their counts and rogue lists need refreshing. */
export type TouchedAssets = Map<string, { customer: string; type: AssetType; uuid: string }>;

/**
 * `touch`: the packages were just seen again (an upload), so open findings get
 * `last_found = now`; a re-match after a database update leaves unchanged rows alone.
 * Rows may come from several customers (a re-match spans the inventory): each customer's
 * findings are read and written through its own TenantScope. `touched`: collect the changed
 * assets there and leave their refresh to the caller (`refreshAssets` once at the end of a
 * re-match, instead of once per batch an asset's packages fall into).
 */
export async function syncFindings(
  db: Kysely<Database>,
  rows: readonly SoftwareRow[],
  computed: PackageFindings,
  now: number,
  opts: { touch: boolean; touched?: TouchedAssets },
): Promise<SyncResult> {
  const result: SyncResult = { opened: 0, updated: 0, closed: 0, unmatched: 0, assets: 0 };
  const touched: TouchedAssets = new Map();
  const byCustomer = new Map<string, SoftwareRow[]>();
  for (const row of rows) {
    const mine = byCustomer.get(row.customer_id) ?? [];
    byCustomer.set(row.customer_id, mine);
    mine.push(row);
  }
  for (const [customer, mine] of byCustomer) {
    await syncCustomer(new TenantScope(db, customer), mine, computed, now, opts, result, touched);
  }
  result.assets = touched.size;
  if (opts.touched) for (const [uuid, asset] of touched) opts.touched.set(uuid, asset);
  else await refreshAssets(db, touched);
  return result;
}

/**
 * Severity counts of every touched asset, then the rogue lists (which compare container and
 * image findings) of every touched container and every scanned container of a touched image,
 * each once, in batches.
 */
export async function refreshAssets(db: Kysely<Database>, touched: TouchedAssets): Promise<void> {
  const byCustomer = new Map<string, { IMAGE: string[]; CONTAINER: string[] }>();
  for (const a of touched.values()) {
    const mine = byCustomer.get(a.customer) ?? { IMAGE: [], CONTAINER: [] };
    byCustomer.set(a.customer, mine);
    mine[a.type].push(a.uuid);
  }
  for (const [customer, assets] of byCustomer) {
    const scope = new TenantScope(db, customer);
    for (const part of chunks(assets.IMAGE)) await refreshSeverityCountsOf(scope, 'IMAGE', part);
    for (const part of chunks(assets.CONTAINER)) await refreshSeverityCountsOf(scope, 'CONTAINER', part);
    const containers = new Set(assets.CONTAINER);
    for (const part of chunks(assets.IMAGE)) {
      for (const id of await scannedContainersOf(scope, part)) containers.add(id);
    }
    for (const part of chunks([...containers], 200)) {
      await scope.transaction(async (tx) => {
        for (const uuid of part) await refreshRogue(tx, uuid);
      });
    }
  }
}

async function syncCustomer(
  scope: TenantScope,
  rows: readonly SoftwareRow[],
  computed: PackageFindings,
  now: number,
  opts: { touch: boolean },
  result: SyncResult,
  touched: TouchedAssets,
): Promise<void> {
  const mark = (row: SoftwareRow) =>
    touched.set(row.asset_uuid, { customer: row.customer_id, type: row.asset_type, uuid: row.asset_uuid });
  // Large batches: one transaction writes each touched index page once, not once per 500 rows.
  for (const part of chunks(rows, 2000)) {
    const wanted = new Map<number, ComputedFinding[]>();
    for (const row of part) {
      const found = computed.of(row);
      if (found === undefined) result.unmatched++;
      else wanted.set(row.id, found);
    }
    const ids = [...wanted.keys()];
    if (ids.length === 0) continue;
    const open = (await scope
      .selectFrom('findings')
      .select([
        'id',
        'software_id',
        'vulnerability_id',
        'severity',
        'fixed_version',
        'patchable',
        'confirmed',
        'evidence_json',
      ])
      .where('software_id', 'in', ids)
      .where('closed_at', 'is', null)
      .execute()) as OpenFinding[];
    const openBySoftware = new Map<number, Map<string, OpenFinding>>();
    for (const f of open) {
      const sid = Number(f.software_id);
      const m = openBySoftware.get(sid) ?? new Map<string, OpenFinding>();
      openBySoftware.set(sid, m);
      m.set(f.vulnerability_id, f);
    }
    const inserts: (ComputedFinding & { row: SoftwareRow })[] = [];
    const updates: { id: number; f: ComputedFinding }[] = [];
    const closes: number[] = [];
    for (const row of part) {
      const found = wanted.get(row.id);
      if (!found) continue;
      const existing = openBySoftware.get(row.id) ?? new Map<string, OpenFinding>();
      const keep = new Set<string>();
      for (const f of found) {
        keep.add(f.vulnerabilityId);
        const prior = existing.get(f.vulnerabilityId);
        if (!prior) inserts.push({ ...f, row });
        else if (differs(prior, f)) updates.push({ id: prior.id, f });
        else continue;
        mark(row);
      }
      for (const [vid, prior] of existing) {
        if (keep.has(vid)) continue;
        closes.push(prior.id);
        mark(row);
      }
    }
    const vulns = [...inserts, ...updates.map((u) => u.f)]
      .map((f) => f.vulnerability)
      .filter((v) => !computed.storedVulnerabilities.has(v.id));
    if (vulns.length > 0) {
      await upsertComputedVulnerabilities(scope.db, vulns);
      for (const v of vulns) computed.storedVulnerabilities.add(v.id);
    }
    if (inserts.length + updates.length + closes.length === 0 && !opts.touch) continue;
    await scope.transaction(async (tx) => {
      for (const ins of chunks(inserts, 100)) {
        await tx.insert(
          'findings',
          ins.map((f) => ({
            asset_type: f.row.asset_type,
            asset_uuid: f.row.asset_uuid,
            software_id: f.row.id,
            vulnerability_id: f.vulnerabilityId,
            severity: f.severity,
            fixed_version: f.fixedVersion,
            patchable: f.patchable,
            confirmed: f.confirmed,
            evidence_json: f.evidenceJson,
            first_found: now,
            last_found: now,
            closed_at: null,
          })),
        );
      }
      for (const { id, f } of updates) {
        await tx
          .updateTable('findings')
          .set({
            severity: f.severity,
            fixed_version: f.fixedVersion,
            patchable: f.patchable,
            confirmed: f.confirmed,
            evidence_json: f.evidenceJson,
            last_found: now,
          })
          .where('id', '=', id)
          .execute();
      }
      for (const c of chunks(closes)) {
        await tx.updateTable('findings').set({ closed_at: now }).where('id', 'in', c).execute();
      }
      if (opts.touch) {
        await tx
          .updateTable('findings')
          .set({ last_found: now })
          .where('software_id', 'in', ids)
          .where('closed_at', 'is', null)
          .execute();
      }
    });
    result.opened += inserts.length;
    result.updated += updates.length;
    result.closed += closes.length;
  }
}
