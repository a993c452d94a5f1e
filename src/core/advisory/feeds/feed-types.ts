/**
 * Vendor feed converters: advisories of distributions OSV does not cover, read in the
 * vendor's own published format and turned into OSV records Bulwark stores like any other.
 */
import type { OsvRecord } from '../osv-types.js';

/** What one feed file yields: records, plus one line per advisory that could not be read. */
export interface FeedConversion {
  records: OsvRecord[];
  /** Advisory-level problems (`ALAS2-2023-1: no packages`); the file itself was readable. */
  warnings: string[];
}

export interface FeedConverter {
  /** Feed id prefix on the command line: `amazon-linux` in `--feed amazon-linux-2=DIR`. */
  name: string;
  vendor: string;
  /** The OSV ecosystem family the records use (not one of OSV's own: see ecosystems.ts). */
  family: string;
  /** The vendor's published format, in words, for the docs table. */
  format: string;
  /** Releases a feed id may name (`2`, `2023`); empty when the feed spans every release. */
  releases: readonly string[];
  /** Whether a release is required in the feed id (Amazon Linux: the file does not say). */
  releaseRequired: boolean;
  /**
   * Converts one file's text. Throws (any error) when the file is not in the format at
   * all; the caller turns that into a warning naming the file.
   */
  convert(text: string, release: string | undefined): FeedConversion;
}
