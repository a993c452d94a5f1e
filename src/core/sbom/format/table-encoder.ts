import pc from 'picocolors';
import type { Sbom } from '../model.js';
import type { SbomFormat } from './format-types.js';
import { sortPackages } from './package-order.js';

/** Pads cells to column widths; widths are measured before colors are added. */
export function renderTable(
  header: string[],
  rows: string[][],
  paint?: (col: number, text: string, row: number) => string,
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // row -1 is the header, never painted.
  const line = (cells: string[], row: number) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0);
        return row >= 0 && paint ? paint(i, padded, row) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header, -1), ...rows.map((r, i) => line(r, i))].join('\n');
}

function osLine(sbom: Sbom): string {
  if (!sbom.os) return 'OS: unknown';
  const { family, version, name, codename } = sbom.os;
  const label = name || [family, version, codename && `(${codename})`].filter(Boolean).join(' ');
  return `OS: ${label}${sbom.os.distroless ? ' [distroless]' : ''}`;
}

export const table: SbomFormat = {
  name: 'table',
  description: 'a human-readable table of packages',
  encode(sbom, opts = {}) {
    const c = pc.createColors(opts.color ?? false);
    const pkgs = sortPackages(sbom.packages);
    const withArch = pkgs.some((p) => p.arch);
    const header = ['TYPE', 'NAME', 'VERSION', ...(withArch ? ['ARCH'] : []), 'LAYER', 'PATH'];
    const rows = pkgs.map((p) => [
      p.type,
      // Maven coordinates read as group:artifact; other namespaces are already in the name.
      p.type === 'maven' && p.namespace && !p.name.includes(':') ? `${p.namespace}:${p.name}` : p.name,
      p.version,
      ...(withArch ? [p.arch ?? ''] : []),
      p.location.layer ? String(p.location.layer.index) : '-',
      p.location.path,
    ]);
    const title = `${c.bold(`Image: ${sbom.image.ref}`)} ${c.dim(sbom.image.imageId)}`;
    const body = rows.length
      ? renderTable(header, rows, (col, text) => (col === 1 ? c.bold(text) : col === 0 ? c.cyan(text) : text))
      : 'No packages found.';
    const footer = `${pkgs.length} package${pkgs.length === 1 ? '' : 's'}${sbom.unknowns.length ? `, ${sbom.unknowns.length} unknown file${sbom.unknowns.length === 1 ? '' : 's'}` : ''}`;
    return `${title}\n${osLine(sbom)}\n\n${body}\n\n${footer}\n`;
  },
};
