import { BulwarkError } from '../errors.js';
import type { ScanResult } from '../matcher/types.js';
import { cyclonedxReport } from './cyclonedx-report.js';
import { htmlReport } from './html-report.js';
import { jsonReport } from './json-report.js';
import { junitReport } from './junit-report.js';
import type { ReportFormat, ReportOptions } from './report-types.js';
import { sarifReport } from './sarif-report.js';
import { tableReport } from './table-report.js';
import { templateReport } from './template-report.js';

/** Every vulnerability report format, in one explicit list; `--format` choices come from here. */
export const reportFormats = [
  tableReport,
  jsonReport,
  sarifReport,
  cyclonedxReport,
  junitReport,
  htmlReport,
  templateReport,
] as const satisfies readonly ReportFormat[];

export const reportFormatNames: readonly string[] = reportFormats.map((f) => f.name);

export function findReportFormat(name: string): ReportFormat {
  const format = reportFormats.find((f) => f.name === name);
  if (!format) {
    throw new BulwarkError(
      'USAGE',
      `unknown report format "${name}"; valid formats: ${reportFormatNames.join(', ')}`,
    );
  }
  return format;
}

export function writeReport(name: string, result: ScanResult, opts?: ReportOptions): string {
  return findReportFormat(name).write(result, opts);
}
