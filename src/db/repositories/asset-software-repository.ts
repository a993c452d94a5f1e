/**
 * Replaces the software list of one asset with what its newest SBOM says, writing only the
 * difference: rows that stay keep their ids (so their findings keep pointing at them), rows
 * that went away are deleted after their open findings are closed (closed, never deleted,
 * so "fixed in the last 7 days" can still be asked), new rows are inserted.
 */
import type { AssetType, Millis } from '../schema.js';
import type { TenantScope } from '../tenant.js';
import { refreshSeverityCounts } from './inventory-writer.js';

export interface SoftwareRow {
  name: string;
  version: string;
  ecosystem: string | null;
  kind: string;
  purl: string | null;
  source_name: string | null;
  source_version: string | null;
  layer_digest: string | null;
  path: string | null;
  match_json: string | null;
}

function rowKey(r: SoftwareRow): string {
  return [
    r.name,
    r.version,
    r.ecosystem,
    r.purl,
    r.source_name,
    r.source_version,
    r.path,
    r.layer_digest,
    r.match_json,
  ]
    .map((v) => v ?? '')
    .join('\u0000');
}

export interface SoftwareChange {
  inserted: number;
  deleted: number;
  kept: number;
}

export async function replaceAssetSoftware(
  scope: TenantScope,
  assetType: AssetType,
  assetUuid: string,
  rows: SoftwareRow[],
  now: Millis,
): Promise<SoftwareChange> {
  const existing = await scope
    .selectFrom('software')
    .select([
      'id',
      'name',
      'version',
      'ecosystem',
      'kind',
      'purl',
      'source_name',
      'source_version',
      'layer_digest',
      'path',
      'match_json',
    ])
    .where('asset_uuid', '=', assetUuid)
    .execute();
  const wanted = new Map<string, SoftwareRow>();
  for (const r of rows) wanted.set(rowKey(r), r);
  const gone: number[] = [];
  const kept = new Set<string>();
  for (const e of existing) {
    const key = rowKey(e);
    if (wanted.has(key) && !kept.has(key)) kept.add(key);
    else gone.push(Number(e.id));
  }
  let closed = 0;
  for (let i = 0; i < gone.length; i += 500) {
    const ids = gone.slice(i, i + 500);
    const res = await scope
      .updateTable('findings')
      .set({ closed_at: now })
      .where('software_id', 'in', ids)
      .where('closed_at', 'is', null)
      .executeTakeFirst();
    closed += Number(res.numUpdatedRows);
    await scope.deleteFrom('software').where('id', 'in', ids).execute();
  }
  // Closing findings changes what the asset's severity counters must say: recount here, in
  // the writer, so no caller can leave them stale.
  if (closed > 0) await refreshSeverityCounts(scope, assetType, assetUuid);
  const fresh = [...wanted.entries()].filter(([k]) => !kept.has(k)).map(([, r]) => r);
  // Chunked: PostgreSQL takes at most 65,535 parameters per statement, SQLite 32,766.
  for (let i = 0; i < fresh.length; i += 200) {
    await scope.insert(
      'software',
      fresh.slice(i, i + 200).map((r) => ({ ...r, asset_type: assetType, asset_uuid: assetUuid })),
    );
  }
  return { inserted: fresh.length, deleted: gone.length, kept: kept.size };
}
