import type { ScanResult } from '../matcher/types.js';

export interface ReportOptions {
  /** ANSI colors, for the table only. */
  color?: boolean;
  /** Terminal width in columns; the table cuts titles to fit it. Unset: no cutting (files, pipes). */
  width?: number;
  /** JSON: add the whole package inventory (`--list-all-pkgs`). */
  listAllPackages?: boolean;
  /** `--format template`: the Handlebars template text. */
  template?: string;
  /** Stable document ids (CycloneDX serial number), for tests and reproducible pipelines. */
  deterministic?: boolean;
}

export type ReportFormatName = 'table' | 'json' | 'sarif' | 'cyclonedx' | 'junit' | 'html' | 'template';

export interface ReportFormat {
  name: ReportFormatName;
  /** One line for `--help` listings. */
  description: string;
  write(result: ScanResult, opts?: ReportOptions): string;
}
