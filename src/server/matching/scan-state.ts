/**
 * Whether an asset's stored packages could be checked, kept in `images.scan_error` /
 * `containers.scan_error`. Without it an asset the server could not match (no database,
 * no advisories for its OS release) would show zero counts: a false "clean". The API
 * answers `vulnerabilities: null` plus this reason while it is set.
 */

import type { AdvisoryStore } from '../../core/advisory/store.js';
import { type DataInventory, findMissingData } from '../../core/matcher/coverage.js';
import type { OSInfo, Package } from '../../core/sbom/model.js';
import type { AssetType } from '../../db/schema.js';
import type { TenantScope } from '../../db/tenant.js';
import { packageFromRow, type StoredSoftware } from './package-row.js';

/** Every reason matching writes starts so; the re-match re-checks exactly these assets. */
export const NOT_CHECKED = 'not checked: ';

export const NO_DATABASE = `${NOT_CHECKED}the server has no vulnerability database yet (run \`bulwark db update\` or import a mirror); the stored packages were not matched`;

export const NO_MATCHING = `${NOT_CHECKED}this server does not match uploads against a vulnerability database`;

/**
 * Set with the upload's software rows, in the same transaction, and replaced when matching
 * finishes: if matching fails or the process dies in between, the asset still says it was
 * not checked (and the re-match job picks it up) instead of showing the old or zero counts.
 */
export const MATCH_PENDING = `${NOT_CHECKED}the uploaded packages have not been matched yet`;

const UNREADABLE = `${NOT_CHECKED}the server's vulnerability database could not be read`;

export function unreadableDatabase(err: unknown): string {
  const why = err instanceof Error ? err.message : String(err);
  return `${UNREADABLE} (${why}); the stored packages were not matched`;
}

/**
 * The reasons written without matching against the database (there was none, it could not
 * be read, matching had not run yet): the only ones a re-match against an unchanged
 * database can clear. The others were worked out from this very database's content.
 */
export const NOT_MATCHED = { exactly: [NO_DATABASE, MATCH_PENDING], startingWith: UNREADABLE } as const;

const inventories = new WeakMap<AdvisoryStore, DataInventory>();

/** What the database holds, asked once per opened store (a new file is a new store). */
function inventoryOf(store: AdvisoryStore): DataInventory {
  let inv = inventories.get(store);
  if (!inv) {
    const status = store.status();
    const known = new Map<string, boolean>();
    inv = {
      hasEcosystem(ecosystem) {
        let answer = known.get(ecosystem);
        if (answer === undefined) {
          answer = store.hasEcosystem(ecosystem);
          known.set(ecosystem, answer);
        }
        return answer;
      },
      families: new Set(Object.keys(status.ecosystems).filter((f) => (status.ecosystems[f] ?? 0) > 0)),
      recordCount: status.recordCount,
    };
    inventories.set(store, inv);
  }
  return inv;
}

/**
 * Why (some of) the asset's packages could not be checked against `store`, or null when all
 * were: the same missing-data rules `bulwark scan` reports as warnings.
 */
export function uncheckedReason(rows: readonly StoredSoftware[], store: AdvisoryStore): string | null {
  if (rows.length === 0) return `${NOT_CHECKED}no packages were found, so nothing could be checked`;
  const packages: Package[] = [];
  let os: OSInfo | undefined;
  let unparsable = 0;
  for (const row of rows) {
    const parsed = packageFromRow(row);
    if (!parsed) {
      unparsable++;
      continue;
    }
    packages.push(parsed.pkg);
    os ??= parsed.os;
  }
  const messages = findMissingData(os ? { os, packages } : { packages }, inventoryOf(store)).map(
    (gap) => gap.message,
  );
  if (unparsable > 0) messages.push(`${unparsable} packages were stored without the facts matching needs`);
  return messages.length === 0 ? null : `${NOT_CHECKED}${messages.join('; ')}`;
}

/** Records (or clears, with null) why the asset could not be checked. */
export async function recordScanState(
  scope: TenantScope,
  assetType: AssetType,
  assetUuid: string,
  reason: string | null,
): Promise<void> {
  if (assetType === 'IMAGE')
    await scope.updateTable('images').set({ scan_error: reason }).where('id', '=', assetUuid).execute();
  else
    await scope.updateTable('containers').set({ scan_error: reason }).where('id', '=', assetUuid).execute();
}
