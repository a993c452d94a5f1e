import { resolve } from 'node:path';
import { BulwarkError } from '../errors.js';
import type { ImportOptions, ImportSummary } from './db-types.js';
import { AdvisoryDbWriter } from './db-writer.js';
import { IngestTally, ingestDocuments } from './ingest.js';
import { readOsvInputs } from './read-inputs.js';

/**
 * Loads OSV files, directories, zip and tar(.gz) archives into the database at `dbPath`,
 * offline. The import runs on a copy that replaces the database only when every
 * input was read: any error leaves the existing file byte-for-byte as it was.
 * Re-importing a path refreshes it: records no longer under that path are dropped
 * (unless another source still holds them).
 */
export async function importAdvisories(
  dbPath: string,
  inputs: string[],
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  if (inputs.length === 0)
    throw new BulwarkError('USAGE', 'db import needs at least one file, directory or zip');
  const writer = AdvisoryDbWriter.create(dbPath, opts.replace !== true);
  const tally = new IngestTally();
  const rebuilt =
    writer.discardedSchema === undefined
      ? []
      : [
          `${dbPath} had schema version ${writer.discardedSchema}; rebuilt it from these inputs only (run \`bulwark db update\` to add the OSV feeds back)`,
        ];
  try {
    if (opts.replace) writer.clearAll();
    let usable = 0;
    for (const input of inputs) {
      const location = resolve(input);
      const source = `import:${location}`;
      writer.clearSource(source);
      writer.setSource({ name: source, kind: 'import', location, updatedAt: new Date().toISOString() });
      usable += await ingestDocuments(writer, readOsvInputs([input]), source, tally, opts.onProgress);
    }
    // Importing nothing must not look like success (the database would be unchanged or empty).
    if (usable === 0) {
      const seen = `${tally.files} file${tally.files === 1 ? '' : 's'} read`;
      const why = tally.warnings[0] ? `; first: ${tally.warnings[0]}` : '';
      throw new BulwarkError(
        'ADVISORY_SOURCE',
        `nothing to import: ${inputs.join(', ')} held no usable OSV records (${seen}, ${tally.notOsv} not OSV, ${tally.skipped} skipped${why})`,
      );
    }
    opts.onProgress?.({ phase: 'write', records: tally.imported });
    const totalRecords = writer.commit();
    return {
      dbPath,
      files: tally.files,
      imported: tally.imported,
      skipped: tally.skipped,
      warnings: [...rebuilt, ...tally.finalWarnings()],
      byEcosystem: tally.byEcosystem,
      totalRecords,
    };
  } catch (err) {
    writer.abort();
    throw err;
  }
}
