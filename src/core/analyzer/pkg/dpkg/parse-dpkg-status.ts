import type { FoundPackage } from '../../types.js';

export interface ParsedStatus {
  packages: FoundPackage[];
  unknowns: { path: string; reason: string }[];
}

/**
 * Parses a dpkg status file (or one `status.d/` entry of a distroless image):
 * RFC 822-style paragraphs separated by blank lines, continuation lines start
 * with a space. Only packages whose Status says "installed" count; distroless
 * entries carry no Status field and are installed by construction.
 */
export function parseDpkgStatus(text: string, path: string): ParsedStatus {
  const packages: FoundPackage[] = [];
  const unknowns: ParsedStatus['unknowns'] = [];
  let paragraphIndex = 0;
  for (const paragraph of splitParagraphs(text)) {
    paragraphIndex += 1;
    const fields = parseFields(paragraph);
    const name = fields.get('package');
    const version = fields.get('version');
    const status = fields.get('status');
    if (status !== undefined && !isInstalled(status)) continue;
    if (!name || !version) {
      unknowns.push({
        path,
        reason: `paragraph ${paragraphIndex}: missing ${name ? 'Version' : 'Package'} field`,
      });
      continue;
    }
    const pkg: FoundPackage = { type: 'deb', name, version };
    const arch = fields.get('architecture');
    if (arch) pkg.arch = arch;
    pkg.source = parseSource(fields.get('source'), name, version);
    packages.push(pkg);
  }
  return { packages, unknowns };
}

function* splitParagraphs(text: string): Generator<string[]> {
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (current.length > 0) yield current;
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) yield current;
}

function parseFields(lines: string[]): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of lines) {
    if (line.startsWith(' ') || line.startsWith('\t')) continue; // continuation of a long field
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return fields;
}

/** `install ok installed`: the third word is the state; half-installed and config-files do not count. */
function isInstalled(status: string): boolean {
  const state = status.split(/\s+/)[2];
  return state === 'installed';
}

/** `Source: glibc (2.36-9)` names the source and, when it differs, its version. */
function parseSource(field: string | undefined, name: string, version: string) {
  if (!field) return { name, version };
  const match = /^(\S+)(?:\s+\((\S+)\))?/.exec(field);
  return { name: match?.[1] ?? name, version: match?.[2] ?? version };
}
