import type { ScanResult } from '../matcher/types.js';

export interface ReportOptions {
  /** ANSI colors, for the table only. */
  color?: boolean;
  /** Stable document ids (CycloneDX serial number), for tests and reproducible pipelines. */
  deterministic?: boolean;
}

export type ReportFormatName = 'table' | 'json' | 'sarif' | 'cyclonedx' | 'junit' | 'html';

export interface ReportFormat {
  name: ReportFormatName;
  /** One line for `--help` listings. */
  description: string;
  write(result: ScanResult, opts?: ReportOptions): string;
}
