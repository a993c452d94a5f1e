import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { OsvRecord } from './osv-types.js';
import { recordDictionary } from './record-dictionary.js';

/**
 * Bumped whenever the tables below or the record encoding change; a reader refuses any
 * other version. 1: records as JSON text. 2: records deflated with `recordDictionary`.
 * 3: NuGet and Packagist names indexed lower-cased (`name-rules.ts`).
 */
export const schemaVersion = 3;

/**
 * Records are compact OSV JSON, raw-deflated (level 6) against a preset dictionary of
 * OSV keys and URL prefixes: 27% of the JSON for the Go vulndb, 34% for PyPI. Measured
 * on those records, inflating costs ~10 µs each (mostly node's per-call zlib setup)
 * against ~7 µs for the JSON.parse that follows; it is paid only on a record-cache miss.
 * Level 9 gave the same size; brotli (no preset dictionaries in node 20) gave 36–41%.
 */
export const recordCodec = 'deflate-raw+dict1';
const deflateLevel = 6;

/**
 * - `records`: one row per OSV id, the whole record (`encodeRecord`).
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
  data BLOB NOT NULL
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

export function encodeRecord(record: OsvRecord): Buffer {
  return deflateRawSync(JSON.stringify(record), { level: deflateLevel, dictionary: recordDictionary });
}

/** The record's JSON text, as `encodeRecord` was given it. */
export function decodeRecordText(data: Uint8Array): string {
  return inflateRawSync(data, { dictionary: recordDictionary }).toString('utf8');
}
