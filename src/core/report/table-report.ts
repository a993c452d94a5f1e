import pc from 'picocolors';
import type { Finding, ScanResult, Severity } from '../matcher/types.js';
import { severityNames } from '../matcher/types.js';
import { renderTable } from '../sbom/format/table-encoder.js';
import { filteredLines, fixText, severitiesDesc, sortFindings, summarize } from './report-summary.js';
import type { ReportFormat } from './report-types.js';

type Colors = ReturnType<typeof pc.createColors>;

function paintSeverity(c: Colors, s: Severity, text: string): string {
  switch (s) {
    case 5:
      return c.bold(c.red(text));
    case 4:
      return c.red(text);
    case 3:
      return c.yellow(text);
    case 2:
      return c.blue(text);
    default:
      return c.dim(text);
  }
}

/** What was scanned: the image, or for an SBOM input the SBOM's subject. */
function headerLine(result: ScanResult, c: Colors): string {
  const { image } = result.sbom;
  const label = image.kind === 'sbom' ? `SBOM: ${image.ref}` : `Image: ${image.ref}`;
  return image.imageId ? `${c.bold(label)} ${c.dim(image.imageId)}` : c.bold(label);
}

/** Cuts the last cell of each row so the row fits `width` columns (cells are joined by two spaces). */
function fitLastColumn(header: string[], rows: string[][], width: number | undefined): void {
  if (!width) return;
  const columns = header.length - 1;
  let used = 0;
  for (let i = 0; i < columns; i++)
    used += Math.max((header[i] ?? '').length, ...rows.map((r) => (r[i] ?? '').length)) + 2;
  const room = Math.max(width - used, 10);
  for (const row of rows) {
    const last = row[columns] ?? '';
    if (last.length > room) row[columns] = `${last.slice(0, room - 1)}…`;
  }
}

/** Findings grouped by package, packages in order of their worst finding. */
function groups(findings: readonly Finding[]): Finding[][] {
  const byKey = new Map<string, Finding[]>();
  for (const f of sortFindings(findings)) {
    const key = `${f.package.type}\u0000${f.package.name}\u0000${f.installedVersion}\u0000${f.package.location.path}`;
    byKey.set(key, [...(byKey.get(key) ?? []), f]);
  }
  return [...byKey.values()];
}

export const tableReport: ReportFormat = {
  name: 'table',
  description: 'a human-readable table grouped by package',
  write(result: ScanResult, opts = {}) {
    const c = pc.createColors(opts.color ?? false);
    const out: string[] = [headerLine(result, c)];
    out.push(`OS: ${result.sbom.os?.name || result.sbom.os?.family || 'unknown'}`);
    // Warnings come first: without them an empty table reads as "clean".
    for (const warning of result.warnings ?? []) out.push(c.yellow(`WARNING: ${warning.message}`));
    for (const group of groups(result.findings)) {
      const p = group[0]?.package;
      if (!p) continue;
      // Only what is known: an SBOM may name neither the layer nor the path.
      const where = [
        p.type,
        p.location.layer ? `layer ${p.location.layer.index}` : '',
        p.location.path,
      ].filter(Boolean);
      out.push('', `${c.bold(p.name)} ${group[0]?.installedVersion} (${where.join(', ')})`);
      const rows = group.map((f) => [
        `  ${f.id}`,
        severityNames[f.severity],
        fixText(f),
        f.cvss ? f.cvss.score.toFixed(1) : '-',
        f.ageDays !== undefined ? `${f.ageDays}d` : '-',
        f.summary ?? '',
      ]);
      const header = ['  ID', 'SEVERITY', 'FIXED IN', 'CVSS', 'AGE', 'TITLE'];
      fitLastColumn(header, rows, opts.width);
      const table = renderTable(header, rows, (col, text, row) => {
        const f = group[row];
        return col === 1 && f ? paintSeverity(c, f.severity, text) : text;
      });
      out.push(table);
    }
    const s = summarize(result);
    const missing = (result.warnings ?? []).some(
      (w) => w.kind === 'missing-data' || w.kind === 'no-packages',
    );
    if (s.total === 0 && s.filtered.total === 0 && !missing)
      out.push('', c.green('No vulnerabilities found.'));
    else if (s.total === 0)
      out.push('', 'No vulnerabilities shown (see the warnings above and the filters below).');
    if (result.suppressed.length > 0) {
      // What was hidden and why, so an accepted risk stays visible in the log that hid it.
      out.push('', c.bold(`Suppressed (${result.suppressed.length}):`));
      const rows = result.suppressed.map(({ finding: f, reason }) => [
        `  ${f.id}`,
        severityNames[f.severity],
        `${f.package.name} ${f.installedVersion}`,
        reason,
      ]);
      out.push(renderTable(['  ID', 'SEVERITY', 'PACKAGE', 'REASON'], rows));
    }
    out.push('');
    for (const sev of severitiesDesc) {
      const name = severityNames[sev];
      const count = s.bySeverity[name] ?? { total: 0, patchable: 0 };
      const hidden = s.filtered.bySeverity[name];
      // A level the filter hid is not "0": say how many it hid.
      const text = hidden
        ? `   -  (${hidden} filtered out by --severity)`
        : `${String(count.total).padStart(4)}  (${count.patchable} patchable)`;
      out.push(`${paintSeverity(c, sev, name.padEnd(8))} ${text}`);
    }
    const filtered = s.filtered.total > 0 ? `, ${s.filtered.total} filtered out` : '';
    out.push(`Total: ${s.total} (${s.patchable} patchable), ${s.suppressed} suppressed${filtered}`);
    out.push(...filteredLines(s));
    return `${out.join('\n')}\n`;
  },
};
