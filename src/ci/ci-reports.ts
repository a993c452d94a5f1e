/**
 * One report per image and format in `--report-dir`, written by the core report writers
 * (src/core/report): `bulwark-<id>.html`, `bulwark-<id>.junit.xml`, `bulwark-<id>.sarif.json`.
 * No report for an image without results (as the reference: nothing to show).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BulwarkError } from '../core/errors.js';
import type { ScanResult } from '../core/matcher/types.js';
import { writeReport } from '../core/report/reports.js';
import type { CiReportFormat } from './ci-settings.js';

const extensions: Record<CiReportFormat, string> = {
  html: 'html',
  junit: 'junit.xml',
  sarif: 'sarif.json',
};

export async function writeImageReports(
  dir: string,
  shortId: string,
  result: ScanResult,
  formats: readonly CiReportFormat[],
): Promise<string[]> {
  const written: string[] = [];
  try {
    await mkdir(dir, { recursive: true });
    for (const format of formats) {
      const path = join(dir, `bulwark-${shortId}.${extensions[format]}`);
      const text = writeReport(format, result);
      await writeFile(path, text.endsWith('\n') ? text : `${text}\n`);
      written.push(path);
    }
  } catch (err) {
    throw new BulwarkError('IO', `--report-dir ${dir}: cannot write a report (${(err as Error).message})`, {
      cause: err,
    });
  }
  return written;
}
