import type { OsvRecord } from './osv-types.js';

/** Bumped whenever the tables below change; a reader refuses any other version. */
export const schemaVersion = 1;

/**
 * Records are stored as compact OSV JSON text. Deflating them was measured: it only
 * halves typical (~1 KB) records, and node's per-call zlib setup costs ~16 µs per
 * record, three times the JSON.parse — too slow for matching at 50,000 lookups/s.
 */
export const recordCodec = 'json';

/**
 * - `records`: one row per OSV id, the whole record as JSON.
 * - `affected_index`: (ecosystem, normalised name) → record id; its primary key is
 *   the (ecosystem, name) index every lookup uses, and a miss is one b-tree probe.
 * - `aliases`: CVE/GHSA ids → record id, for `get()` by alias.
 * - `record_sources`: which source delivered which record, so a refreshed source
 *   drops only its own stale records; a record no source holds is deleted.
 * - `sources` and `meta`: per-source ETag/Last-Modified/counts and database facts.
 */
export const schemaSql = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sources (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  location TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  updated_at TEXT NOT NULL,
  record_count INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE records (
  id TEXT PRIMARY KEY,
  modified TEXT NOT NULL,
  withdrawn TEXT,
  aliases TEXT,
  json TEXT NOT NULL
);
CREATE TABLE affected_index (
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  record_id TEXT NOT NULL,
  ecosystem_family TEXT NOT NULL,
  PRIMARY KEY (ecosystem, name, record_id)
) WITHOUT ROWID;
CREATE INDEX affected_index_by_record ON affected_index (record_id);
CREATE TABLE aliases (
  alias TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (alias, record_id)
) WITHOUT ROWID;
CREATE INDEX aliases_by_record ON aliases (record_id);
CREATE TABLE record_sources (
  source TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (source, record_id)
) WITHOUT ROWID;
CREATE INDEX record_sources_by_record ON record_sources (record_id);
`;

export const metaKeys = {
  schemaVersion: 'schema_version',
  codec: 'record_codec',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  recordCount: 'record_count',
  withdrawnCount: 'withdrawn_count',
  ecosystemCounts: 'ecosystem_counts',
} as const;

export function encodeRecord(record: OsvRecord): string {
  return JSON.stringify(record);
}

export function decodeRecord(text: string): OsvRecord {
  return JSON.parse(text) as OsvRecord;
}
