/**
 * Types shared by the advisory store, `importAdvisories` and `updateAdvisories`.
 */

/** One row of the database's `sources` table: where a set of records came from. */
export interface SourceStatus {
  /**
   * `osv:<Ecosystem>` for `db update`, `feed:<feed id>` for `db update --feed`,
   * `import:<absolute path>` for `db import`.
   */
  name: string;
  kind: 'osv-archive' | 'vendor-feed' | 'import';
  /** URL or file path the records were read from. */
  location: string;
  etag?: string;
  lastModified?: string;
  /** ISO-8601 time this source was last written (or confirmed unchanged). */
  updatedAt: string;
  recordCount: number;
}

export interface DbStatus {
  path: string;
  sizeBytes: number;
  schemaVersion: number;
  /** ISO-8601 time the database file was last rebuilt. */
  updatedAt: string;
  /** Seconds since `updatedAt`, at the time `status()` was called. */
  ageSeconds: number;
  recordCount: number;
  withdrawnCount: number;
  /** Distinct records per ecosystem family (`Debian`, `PyPI`…), sorted by name. */
  ecosystems: Record<string, number>;
  sources: SourceStatus[];
}

/** Progress reports for a bar or a log; the library itself never prints. */
export type AdvisoryProgress =
  | { phase: 'download'; ecosystem: string; bytes: number; totalBytes?: number }
  | { phase: 'read'; origin: string; records: number }
  | { phase: 'write'; records: number }
  /** A download failed and will be tried again after `delayMs`. */
  | { phase: 'retry'; ecosystem: string; attempt: number; retries: number; delayMs: number; reason: string };

export interface ImportOptions {
  onProgress?: (event: AdvisoryProgress) => void;
  /** Start from an empty database instead of adding to the existing one. */
  replace?: boolean;
}

export interface ImportSummary {
  dbPath: string;
  /** Files read (a zip archive counts once per JSON/YAML member). */
  files: number;
  /** Records written (new or newer than the stored copy). */
  imported: number;
  /** Records skipped, each with a one-line reason in `warnings`. */
  skipped: number;
  warnings: string[];
  /** Records imported per ecosystem family. */
  byEcosystem: Record<string, number>;
  /** Records in the database after the import. */
  totalRecords: number;
}

export interface UpdateOptions {
  /** OSV ecosystem families to fetch; default `defaultUpdateEcosystems`. */
  ecosystems?: readonly string[];
  /**
   * Base URL (`https://mirror.example/osv`) or local directory holding
   * `<Ecosystem>/all.zip` (or `<Ecosystem>/` full of OSV files).
   * Default: the public OSV bucket.
   */
  source?: string;
  /** Proxy URL; when absent, HTTPS_PROXY / HTTP_PROXY / NO_PROXY from `env` apply. */
  proxy?: string;
  /** Environment to read proxy variables from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Time allowed for response headers and between body chunks. Default 60 s. */
  timeoutMs?: number;
  /** Extra attempts after a network error, timeout or 5xx. Default 4. */
  retries?: number;
  /** First backoff delay; doubles per attempt. Default 1 s. */
  backoffMs?: number;
  /** Ignore stored ETag/Last-Modified and download everything. */
  full?: boolean;
  /** Drop every other source (imports too) and rebuild from the downloaded archives only. */
  replace?: boolean;
  onProgress?: (event: AdvisoryProgress) => void;
  /**
   * Vendor feeds to convert, as `NAME=DIR|FILE|URL` (`amazon-linux-2=/mirror/al2`).
   * With feeds and no `ecosystems`, only the feeds run (OSV sources are kept as they are).
   */
  feeds?: readonly string[];
}

export interface FeedUpdate {
  feed: string;
  location: string;
  /** `updated`: records replaced; `kept`: nothing usable read, the previous records stay. */
  status: 'updated' | 'kept';
  records: number;
}

export interface EcosystemUpdate {
  ecosystem: string;
  location: string;
  /** `updated`: new archive indexed; `not-modified`: the source said 304 (or the file is unchanged). */
  status: 'updated' | 'not-modified';
  records: number;
  bytes: number;
}

export interface UpdateSummary {
  dbPath: string;
  source: string;
  ecosystems: EcosystemUpdate[];
  feeds: FeedUpdate[];
  skipped: number;
  warnings: string[];
  totalRecords: number;
}
