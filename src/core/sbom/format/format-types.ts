import type { Sbom } from '../model.js';

export interface EncodeOptions {
  /** ANSI colors, for the human formats only. */
  color?: boolean;
  /**
   * Derive serial numbers and namespaces from the image id instead of at random, so
   * the same image gives byte-identical documents (tests, reproducible pipelines).
   */
  deterministic?: boolean;
  /** ISO 8601 creation time; defaults to now. */
  timestamp?: string;
}

export type SbomFormatName = 'cyclonedx' | 'cyclonedx-xml' | 'spdx-json' | 'spdx' | 'json' | 'table';

export interface SbomFormat {
  name: SbomFormatName;
  /** One line for `--help` listings. */
  description: string;
  encode(sbom: Sbom, opts?: EncodeOptions): string;
}
