import { type BigNum, compareBigNum, compareStrings, toBigNum } from './digits.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * Maven versions ordered like maven-artifact 3.8's `ComparableVersion` (see its
 * javadoc): items split on `.`, `-` and digit/letter transitions; a `-` or a
 * transition opens a nested list; trailing "null" items (0, "", ga/final/release)
 * are dropped; a qualifier after a dot counts as after a dash (`1.0.b2` = `1.0-b2`,
 * as in 3.8.x); qualifiers order alpha < beta < milestone < rc = cr < snapshot
 * < "" = ga = final = release < sp < anything else (alphabetically);
 * a1/b1/m1 mean alpha-1/beta-1/milestone-1.
 */
export type MavenItem =
  | { kind: 'int'; value: BigNum }
  | { kind: 'str'; rank: number; text: string }
  | { kind: 'list'; items: MavenItem[] };

export type MavenVersion = MavenItem[];

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_RANK = 5;
const UNKNOWN_RANK = QUALIFIERS.length;

function strItem(raw: string, followedByDigit: boolean): MavenItem {
  let text = raw;
  if (followedByDigit && raw.length === 1) {
    text = raw === 'a' ? 'alpha' : raw === 'b' ? 'beta' : raw === 'm' ? 'milestone' : raw;
  }
  text = ALIASES[text] ?? text;
  const known = QUALIFIERS.indexOf(text);
  return { kind: 'str', rank: known >= 0 ? known : UNKNOWN_RANK, text };
}

function item(isDigit: boolean, text: string): MavenItem {
  return isDigit ? { kind: 'int', value: toBigNum(text) } : strItem(text, false);
}

function isNull(it: MavenItem): boolean {
  if (it.kind === 'int') return it.value === 0;
  if (it.kind === 'str') return it.rank === RELEASE_RANK;
  return it.items.length === 0;
}

/** ListItem.normalize(): drop trailing null items, looking through nested lists. */
function normalize(list: MavenItem[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const it = list[i]!;
    if (isNull(it)) list.splice(i, 1);
    else if (it.kind !== 'list') break;
  }
}

function parseItems(raw: string): MavenVersion {
  const v = raw.toLowerCase();
  const root: MavenItem[] = [];
  const lists: MavenItem[][] = [root];
  let list = root;
  const open = (): void => {
    const next: MavenItem[] = [];
    list.push({ kind: 'list', items: next });
    lists.push(next);
    list = next;
  };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46 || c === 45) {
      // '.' or '-': an empty item counts as 0
      list.push(i === start ? { kind: 'int', value: 0 } : item(isDigit, v.slice(start, i)));
      start = i + 1;
      if (c === 45) open();
    } else if (c >= 48 && c <= 57) {
      if (!isDigit && i > start) {
        // maven 3.8 treats ".X1" like "-X1": a qualifier after a dot starts its own list.
        if (list.length > 0) open();
        list.push(strItem(v.slice(start, i), true));
        start = i;
        open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.push(item(true, v.slice(start, i)));
        start = i;
        open();
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    // Same rule for a trailing qualifier: "1.0.0.x" is read as "1.0.0-x".
    if (!isDigit && list.length > 0) open();
    list.push(item(isDigit, v.slice(start)));
  }
  for (let i = lists.length - 1; i >= 0; i--) normalize(lists[i]!);
  return root;
}

function parse(raw: string): ParsedVersion<MavenVersion> {
  if (raw.trim() === '') return { valid: false, raw, reason: 'version string is empty' };
  return { valid: true, raw, value: parseItems(raw) };
}

/** Item.compareTo(other); `undefined` stands for Java's null (a missing item). */
function compareItem(a: MavenItem, b: MavenItem | undefined): number {
  if (a.kind === 'int') {
    if (b === undefined) return a.value === 0 ? 0 : 1;
    return b.kind === 'int' ? compareBigNum(a.value, b.value) : 1;
  }
  if (a.kind === 'str') {
    if (b === undefined) return a.rank - RELEASE_RANK;
    if (b.kind !== 'str') return -1;
    return a.rank - b.rank || (a.rank === UNKNOWN_RANK ? compareStrings(a.text, b.text) : 0);
  }
  if (b === undefined) {
    for (const it of a.items) {
      const r = compareItem(it, undefined);
      if (r !== 0) return r;
    }
    return 0;
  }
  if (b.kind === 'int') return -1;
  if (b.kind === 'str') return 1;
  return compareLists(a.items, b.items);
}

function compareLists(a: MavenItem[], b: MavenItem[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const l = a[i];
    const r = b[i];
    const d = l === undefined ? (r === undefined ? 0 : -compareItem(r, undefined)) : compareItem(l, r);
    if (d !== 0) return d;
  }
  return 0;
}

export const maven: VersionScheme<MavenVersion> = { name: 'maven', parse, compare: compareLists };
