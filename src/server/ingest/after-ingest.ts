/**
 * What follows a committed SBOM upload: the asset is matched against the server's
 * vulnerability database (`matchAsset`, src/server/matching), then the rogue comparison
 * is refreshed — for the container, or for every scanned container of the image.
 * Without a vulnerability database (or without matching at all) the asset keeps no
 * findings and says so in its `scan_error`, which the API shows as `vulnerabilities: null`
 * plus the reason — never zero counts that read as "clean".
 */
import type { Kysely } from 'kysely';
import { markImageMatched } from '../../db/repositories/ci-results-repository.js';
import { refreshSeverityCounts } from '../../db/repositories/inventory-writer.js';
import type { Database } from '../../db/schema.js';
import type { TenantScope } from '../../db/tenant.js';
import { type MatchContext, matchAsset } from '../matching/index.js';
import { NO_MATCHING, recordScanState } from '../matching/scan-state.js';
import { refreshRogue, refreshRogueForImage } from './rogue.js';
import type { StoredSbom } from './sbom-ingest.js';

export interface IngestDeps {
  db: Kysely<Database>;
  /** The server's matching context; absent in tests that exercise ingest alone. */
  matching?: MatchContext | undefined;
}

export async function afterSbomStored(
  deps: IngestDeps,
  scope: TenantScope,
  stored: StoredSbom,
): Promise<void> {
  let checked = false;
  if (deps.matching) {
    const matched = await matchAsset(
      deps.db,
      scope.customerId,
      stored.assetType,
      stored.assetUuid,
      deps.matching,
    );
    checked = matched.checked;
  } else {
    await recordScanState(scope, stored.assetType, stored.assetUuid, NO_MATCHING);
  }
  await refreshSeverityCounts(scope, stored.assetType, stored.assetUuid);
  // Last: from here on `bulwark ci` reads the image as complete (ci-results-repository.ts).
  if (stored.assetType === 'IMAGE') await markImageMatched(scope, stored.assetUuid, checked);
  if (stored.assetType === 'CONTAINER') await refreshRogue(scope, stored.assetUuid);
  else await refreshRogueForImage(scope, stored.assetUuid);
}
