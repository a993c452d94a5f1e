/**
 * Matching one asset right after ingest stored its packages in `software`: the sensor
 * protocol and `scan image --upload` call `matchAsset` once the rows are written.
 */
import type { Kysely } from 'kysely';
import { refreshSeverityCounts } from '../../db/repositories/inventory-writer.js';
import type { AssetType, Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant.js';
import type { AdvisorySource } from './advisory-source.js';
import { PackageFindings } from './package-findings.js';
import { type SoftwareRow, type SyncResult, syncFindings } from './sync-findings.js';

export interface MatchContext {
  advisories: AdvisorySource;
  /** The clock (tests pin it). */
  now?: () => number;
}

export interface MatchAssetResult extends SyncResult {
  /** False when the server has no vulnerability database yet: nothing was checked. */
  checked: boolean;
}

export const softwareMatchColumns = [
  'id',
  'customer_id',
  'asset_type',
  'asset_uuid',
  'name',
  'version',
  'source_name',
  'source_version',
  'purl',
  'match_json',
] as const;

export async function matchAsset(
  db: Kysely<Database>,
  customerId: string,
  assetType: AssetType,
  assetUuid: string,
  ctx: MatchContext,
): Promise<MatchAssetResult> {
  const store = ctx.advisories.current();
  if (!store) return { checked: false, opened: 0, updated: 0, closed: 0, unmatched: 0, assets: 0 };
  const now = ctx.now?.() ?? Date.now();
  const scope = new TenantScope(db, customerId);
  const rows = (await scope
    .selectFrom('software')
    .select(softwareMatchColumns)
    .where('asset_type', '=', assetType)
    .where('asset_uuid', '=', assetUuid)
    .execute()) as SoftwareRow[];
  const result = await syncFindings(db, rows, new PackageFindings(store, new Date(now)), now, {
    touch: true,
  });
  // Findings of packages no longer in the asset (an upload replaced its software rows).
  const orphans = await closeOrphanFindings(scope, assetUuid, now);
  if (orphans > 0) await refreshSeverityCounts(scope, assetType, assetUuid);
  return { checked: true, ...result, closed: result.closed + orphans };
}

/** Open findings whose software row is gone are closed: the package left the asset. */
async function closeOrphanFindings(scope: TenantScope, assetUuid: string, now: number): Promise<number> {
  const res = await scope
    .updateTable('findings')
    .set({ closed_at: now })
    .where('asset_uuid', '=', assetUuid)
    .where('closed_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('software').select('software.id').whereRef('software.id', '=', 'findings.software_id'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows ?? 0);
}
