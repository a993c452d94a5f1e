import type { FoundPackage } from '../../types.js';

export interface ParsedStatus {
  packages: FoundPackage[];
  unknowns: { path: string; reason: string }[];
}

/**
 * Parses a dpkg status file (or one `status.d/` entry of a distroless image):
 * RFC 822-style paragraphs separated by blank lines, continuation lines start
 * with a space. Only packages whose Status says "installed" count. In the status
 * file a paragraph without Status is not installed (dpkg-query does not list it);
 * distroless `status.d/` entries carry no Status field and are installed by
 * construction, so they pass `statusRequired: false`. A version dpkg calls bad
 * syntax is an unknown: it cannot be compared the way advisories expect.
 */
export function parseDpkgStatus(
  text: string,
  path: string,
  opts: { statusRequired: boolean } = { statusRequired: true },
): ParsedStatus {
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
    // A named package without Status is not installed; a paragraph naming nothing is damage.
    if (status === undefined && opts.statusRequired && name) continue;
    if (!name || !version) {
      unknowns.push({
        path,
        reason: `paragraph ${paragraphIndex}: missing ${name ? 'Version' : 'Package'} field`,
      });
      continue;
    }
    const problem = debVersionProblem(version);
    if (problem) {
      unknowns.push({ path, reason: `package ${name}: invalid version '${version}' (${problem})` });
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

/**
 * Why dpkg would call a version bad syntax (its `parseversion`, lib/dpkg/parsehelp.c, and
 * deb-version(7)); undefined when it is fine. dpkg itself only warns about some of these
 * and reads on, but a version it warns about is not one advisories can be compared with.
 */
export function debVersionProblem(raw: string): string | undefined {
  const s = raw.replace(/^[ \t]+|[ \t]+$/g, '');
  if (s === '') return 'version string is empty';
  if (/[ \t]/.test(s)) return 'version string has embedded spaces';
  let rest = s;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const epoch = s.slice(0, colon);
    if (epoch === '') return 'epoch in version is empty';
    if (!/^[0-9]+$/.test(epoch)) return 'epoch in version is not number';
    rest = s.slice(colon + 1);
    if (rest === '') return 'nothing after colon in version number';
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : undefined;
  if (revision === '') return 'revision number is empty';
  if (upstream === '') return 'version number is empty';
  if (!/^[0-9]/.test(upstream)) return 'version number does not start with digit';
  if (!/^[A-Za-z0-9.+~:-]*$/.test(upstream)) return 'invalid character in version number';
  if (revision !== undefined && !/^[A-Za-z0-9.+~]*$/.test(revision))
    return 'invalid character in revision number';
  return undefined;
}
