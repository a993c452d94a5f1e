import type { AnalysisResult, FoundPackage } from '../../types.js';

/**
 * Parses apk-tools' installed database (`lib/apk/db/installed`), which Alpine,
 * Wolfi and Chainguard images share. Each package is a block of `K:value` lines,
 * blocks are separated by blank lines. The fields used here (apk-tools
 * src/database.c, apk_db_index_read / apk_pkg_write_index_entry):
 *   P name, V version, A arch, L license, o origin (the source package),
 *   F a directory, R a file in the last F directory (a/M/Z lines describe them).
 */
export type ApkResult = Required<Omit<AnalysisResult, 'os' | 'supplementedBy' | 'mavenPom'>>;

interface Record {
  line: number;
  fields: Map<string, string>;
  files: string[];
  problems: string[];
}

function newRecord(line: number): Record {
  return { line, fields: new Map(), files: [], problems: [] };
}

export function parseInstalled(text: string, path: string): ApkResult {
  const out: ApkResult = { packages: [], ownedFiles: [], unknowns: [] };
  const unknown = (reason: string) => out.unknowns.push({ path, reason });
  let rec: Record | undefined;
  let dir = '';
  const finish = () => {
    if (!rec) return;
    finishRecord(rec, path, out, unknown);
    rec = undefined;
    dir = '';
  };
  const lines = text.split('\n');
  // apk writes a newline after every line, but reads a last line without one as a line (other
  // tools write such files): a last line that is a K:value field completes its record. Only a
  // last line that is not one (`V`, `R` alone) shows the file was cut.
  const last = lines.at(-1) ?? '';
  const cut = text.length > 0 && !text.endsWith('\n') && !(last.length >= 2 && last[1] === ':');
  for (let i = 0; i < lines.length; i++) {
    if (cut && i === lines.length - 1) {
      const name = rec?.fields.get('P');
      unknown(
        `file ends mid-line at line ${i + 1} (truncated); last record${name ? ` (${name})` : ''} dropped`,
      );
      rec = undefined;
      break;
    }
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line === '') {
      finish();
      continue;
    }
    rec ??= newRecord(i + 1);
    if (line.length < 2 || line[1] !== ':') {
      rec.problems.push(`line ${i + 1} is not a K:value field`);
      continue;
    }
    const key = line[0] ?? '';
    const value = line.slice(2);
    if (key === 'F') dir = value.replace(/^\/+|\/+$/g, '');
    else if (key === 'R') rec.files.push(dir ? `${dir}/${value}` : value);
    else if (key === 'P' && rec.fields.has('P'))
      rec.problems.push(`line ${i + 1} is a second P: in one record`);
    else if (!rec.fields.has(key)) rec.fields.set(key, value);
  }
  finish();
  return out;
}

function finishRecord(rec: Record, path: string, out: ApkResult, unknown: (reason: string) => void): void {
  const name = rec.fields.get('P');
  const version = rec.fields.get('V');
  for (const p of rec.problems) unknown(`${name ?? 'record'} at line ${rec.line}: ${p}`);
  if (!name || !version) {
    const missing = [name ? '' : 'P:', version ? '' : 'V:'].filter(Boolean).join(' and ');
    unknown(`record at line ${rec.line}${name ? ` (${name})` : ''} has no ${missing}; skipped`);
    return;
  }
  const pkg: FoundPackage = { type: 'apk', name, version, path };
  const arch = rec.fields.get('A');
  if (arch) pkg.arch = arch;
  const license = rec.fields.get('L');
  if (license) pkg.licenses = [license];
  // Subpackages share their origin's pkgver, so the source version is the binary's.
  const origin = rec.fields.get('o');
  if (origin) pkg.source = { name: origin, version };
  out.packages.push(pkg);
  out.ownedFiles.push(...rec.files);
}
