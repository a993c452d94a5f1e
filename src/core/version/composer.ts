import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * Composer (Packagist) versions: normalised like composer/semver's
 * `VersionParser::normalize` (optional `v`, up to four numeric parts padded to four,
 * date versions, stability suffixes expanded: a→alpha, b→beta, p/pl→patch, rc→RC,
 * `-dev` kept, `+build` dropped, `1.x-dev` branch aliases), then ordered like PHP's
 * `version_compare` on the normalised string, which is what composer/semver's
 * `Constraint` uses: dev < alpha = a < beta = b < RC = rc < (number) < patch = pl = p.
 * Named branches (`dev-main`) have no order and are invalid here.
 */
export type ComposerVersion = Part[];

/** A numeric part, or a special form's rank (`version_compare`'s table; -1 unknown). */
type Part = { num: number } | { rank: number };

/** PHP's rank of a number when compared with a special form ("#N#"). */
const NUMBER_RANK = 4;

const MODIFIER = '[._-]?(?:(stable|beta|b|rc|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
const CLASSIC = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATE = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})${MODIFIER}$`, 'i');
const BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;

function expandStability(s: string): string {
  const l = s.toLowerCase();
  return l === 'a' ? 'alpha' : l === 'b' ? 'beta' : l === 'p' || l === 'pl' ? 'patch' : l === 'rc' ? 'RC' : l;
}

/** VersionParser::normalize; undefined when Composer would reject it or it is a named branch. */
export function normalizeComposer(raw: string): string | undefined {
  let v = raw.trim().replace(/@(?:stable|RC|beta|alpha|dev)$/i, '');
  const alias = /^([^,\s]+) +as +[^,\s]+$/.exec(v);
  if (alias) v = alias[1]!;
  if (/^dev-/i.test(v) || ['master', 'trunk', 'default'].includes(v)) return undefined;
  const build = /^([^,\s+]+)\+[^\s]+$/.exec(v);
  if (build) v = build[1]!;
  const classic = CLASSIC.exec(v);
  const date = classic ? null : DATE.exec(v);
  const m = classic ?? date;
  // Capture groups: the numeric base, then stability, its number and "-dev".
  const at = classic ? 5 : 2;
  if (m) {
    let base = classic
      ? `${classic[1]}${classic[2] || '.0'}${classic[3] || '.0'}${classic[4] || '.0'}`
      : (m[1] ?? '').replace(/\D/g, '.');
    const stability = m[at];
    if (stability) {
      if (stability.toLowerCase() === 'stable') return base;
      base += `-${expandStability(stability)}${(m[at + 1] ?? '').replace(/^[.-]+/, '')}`;
    }
    if (m[at + 2]) base += '-dev';
    return base;
  }
  const dev = /^(.*?)[.-]?dev$/i.exec(v);
  const branch = dev ? BRANCH.exec(dev[1]!.trim()) : null;
  if (!branch) return undefined;
  const parts = [1, 2, 3, 4].map((i) => (branch[i] ?? '.x').replace(/[*X]/g, 'x'));
  return `${parts.join('').replaceAll('x', '9999999')}-dev`;
}

const SPECIAL: [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

/** php_canonicalize_version + split: `-_+` and other non-alphanumerics become dots, digit/letter boundaries too. */
function canonicalParts(v: string): Part[] {
  const pieces = v.replace(/[^0-9A-Za-z]+/g, '.').replace(/(\d)(?=[^\d.])|([^\d.])(?=\d)/g, '$1$2.');
  return pieces
    .split('.')
    .filter((p) => p !== '')
    .map((p) => {
      if (/^\d/.test(p)) return { num: Number.parseInt(p, 10) };
      const hit = SPECIAL.find(([name]) => p.startsWith(name));
      return { rank: hit ? hit[1] : -1 };
    });
}

function parse(raw: string): ParsedVersion<ComposerVersion> {
  const n = normalizeComposer(raw);
  if (n === undefined) return { valid: false, raw, reason: 'not a Composer version (or a named branch)' };
  return { valid: true, raw, value: canonicalParts(n) };
}

function rankOf(p: Part): number {
  return 'num' in p ? NUMBER_RANK : p.rank;
}

function compare(a: ComposerVersion, b: ComposerVersion): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const d = 'num' in x && 'num' in y ? x.num - y.num : rankOf(x) - rankOf(y);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  // The longer version wins if its next part is a number, else its special form decides against "#N#".
  if (a.length > n) return 'num' in a[n]! ? 1 : Math.sign(rankOf(a[n]!) - NUMBER_RANK);
  if (b.length > n) return 'num' in b[n]! ? -1 : Math.sign(NUMBER_RANK - rankOf(b[n]!));
  return 0;
}

export const composer: VersionScheme<ComposerVersion> = { name: 'composer', parse, compare };
