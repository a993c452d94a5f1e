/**
 * Applies the schema migrations in order. Kysely's Migrator records what ran in its own
 * table and takes a lock, so two servers starting against one PostgreSQL cannot both migrate.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { BulwarkError } from '../core/errors.js';
import type { DialectName } from './dialects.js';
import { initialMigration } from './migrations/0001-initial.js';
import { qqlIndexesMigration } from './migrations/0002-qql-indexes.js';
import { matchingJobsMigration } from './migrations/0003-matching-jobs.js';
import { sensorIngestMigration } from './migrations/0004-sensor-ingest.js';
import { consoleDashboardsMigration } from './migrations/0005-console-dashboards.js';
import { containerScanErrorMigration } from './migrations/0006-container-scan-error.js';
import { registryScansMigration } from './migrations/0007-registry-scans.js';
import { imageMatchMarksMigration } from './migrations/0008-image-match-marks.js';
import { labelStatsIndexesMigration } from './migrations/0009-label-stats-indexes.js';
import { qqlScaleLoginFailuresMigration } from './migrations/0010-qql-scale-login-failures.js';
import { hostUuidMigration } from './migrations/0011-host-uuid.js';
import { unknownCountSortMigration } from './migrations/0012-unknown-count-sort.js';
import { qqlCoveringIndexesMigration } from './migrations/0013-qql-covering-indexes.js';
import { sourceAndIdLookupIndexesMigration } from './migrations/0014-source-and-id-lookup-indexes.js';
import { labelIndexOnlyMigration } from './migrations/0015-label-index-only.js';
import type { Database } from './schema.js';

/** Every migration, in order. Names sort; never rename or edit one that has shipped. */
function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-qql-indexes': qqlIndexesMigration(dialect),
    '0003-matching-jobs': matchingJobsMigration(dialect),
    '0004-sensor-ingest': sensorIngestMigration(dialect),
    '0005-console-dashboards': consoleDashboardsMigration(dialect),
    '0006-container-scan-error': containerScanErrorMigration(dialect),
    '0007-registry-scans': registryScansMigration(dialect),
    '0008-image-match-marks': imageMatchMarksMigration(dialect),
    '0009-label-stats-indexes': labelStatsIndexesMigration(dialect),
    '0010-qql-scale-login-failures': qqlScaleLoginFailuresMigration(dialect),
    '0011-host-uuid': hostUuidMigration(dialect),
    '0012-unknown-count-sort': unknownCountSortMigration(dialect),
    '0013-qql-covering-indexes': qqlCoveringIndexesMigration(dialect),
    '0014-source-and-id-lookup-indexes': sourceAndIdLookupIndexesMigration(dialect),
    '0015-label-index-only': labelIndexOnlyMigration(dialect),
  };
}

export async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new BulwarkError('DB_MIGRATION', `migration ${failed} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
