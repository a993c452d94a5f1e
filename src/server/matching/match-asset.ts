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
import { NO_DATABASE, recordScanState, uncheckedReason, unreadableDatabase } from './scan-state.js';
import { type SoftwareRow, type SyncResult, syncFindings } from './sync-findings.js';

export interface MatchContext {
  advisories: AdvisorySource;
  /** The clock (tests pin it). */
  now?: () => number;
}

export interface MatchAssetResult extends SyncResult {
  /** False when the server has no vulnerability database yet: nothing was checked. */
  checked: boolean;
  /** Why (some) packages could not be checked, as recorded in the asset's `scan_error`; null when all were. */
  unchecked: string | null;
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
  /** `computed`: a re-match over many assets shares one, so each distinct package is evaluated once. */
  opts: { touch?: boolean; computed?: PackageFindings } = {},
): Promise<MatchAssetResult> {
  const scope = new TenantScope(db, customerId);
  let store: ReturnType<AdvisorySource['current']>;
  let reason = NO_DATABASE;
  try {
    store = ctx.advisories.current();
  } catch (err) {
    // A damaged or foreign file (a half-copied mirror): the upload is kept, not checked.
    reason = unreadableDatabase(err);
  }
  if (!store) {
    // Nothing was checked: say so on the asset, so its counts never read as "clean".
    await recordScanState(scope, assetType, assetUuid, reason);
    return {
      checked: false,
      unchecked: reason,
      opened: 0,
      updated: 0,
      closed: 0,
      unmatched: 0,
      assets: 0,
    };
  }
  const now = ctx.now?.() ?? Date.now();
  const rows = (await scope
    .selectFrom('software')
    .select(softwareMatchColumns)
    .where('asset_type', '=', assetType)
    .where('asset_uuid', '=', assetUuid)
    .execute()) as SoftwareRow[];
  const computed = opts.computed ?? new PackageFindings(store, new Date(now));
  const result = await syncFindings(db, rows, computed, now, {
    touch: opts.touch ?? true,
  });
  // Findings of packages no longer in the asset (an upload replaced its software rows).
  const orphans = await closeOrphanFindings(scope, assetUuid, now);
  if (orphans > 0) await refreshSeverityCounts(scope, assetType, assetUuid);
  const unchecked = uncheckedReason(rows, store);
  await recordScanState(scope, assetType, assetUuid, unchecked);
  return { checked: true, unchecked, ...result, closed: result.closed + orphans };
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
