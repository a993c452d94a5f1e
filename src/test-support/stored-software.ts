import type { Kysely } from 'kysely';
import type { OSInfo, Package } from '../core/sbom/model.js';
import type { Database } from '../db/schema.js';
import { softwareColumns } from '../server/matching/package-row.js';

/**
 * Stores packages as an image's software rows, as SBOM ingest does, without matching them:
 * for tests of the server's matching and jobs. Chunked below both dialects' parameter limits.
 * Test support.
 */
export async function storeImageSoftware(
  db: Kysely<Database>,
  customerId: string,
  imageUuid: string,
  packages: Package[],
  os: OSInfo | undefined,
): Promise<void> {
  const rows = packages.map((p) => ({
    customer_id: customerId,
    asset_type: 'IMAGE' as const,
    asset_uuid: imageUuid,
    ...softwareColumns(p, os),
  }));
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('software')
      .values(rows.slice(i, i + 50))
      .execute();
}
