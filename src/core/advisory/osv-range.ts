import { semver } from '../version/semver.js';
import type { ParsedVersion, SchemeName, VersionScheme } from '../version/types.js';
import type { OsvAffected, OsvEvent, OsvEventKind, OsvRange } from './osv-types.js';

/**
 * OSV range evaluation, exactly as the schema's "Evaluation" pseudocode
 * (https://ossf.github.io/osv-schema/#evaluation) — for every ecosystem, so that
 * matchers stay thin. A version is affected when it is listed in `versions`, or when
 * some ECOSYSTEM/SEMVER range holds it: the range's `limit`s admit it (none means
 * `*`), and walking the events in version order (`introduced: "0"` first) the last
 * applicable event is an `introduced`. `fixed` is exclusive, `last_affected`
 * inclusive. GIT ranges need a commit graph and give no verdict here.
 */

export interface EventRef {
  kind: OsvEventKind;
  version: string;
  /** Position in `range.events` as written (events need not be sorted). */
  eventIndex: number;
}

/** Why a range holds the version. */
export interface RangeMatch {
  rangeIndex: number;
  type: 'ECOSYSTEM' | 'SEMVER';
  scheme: SchemeName;
  /** The `introduced` event that opened the interval holding the version. */
  introduced: EventRef;
  /** The `fixed` or `last_affected` event closing that interval; absent when still open. */
  closedBy?: EventRef;
  /** The `limit` the version is below, when the range has limits. */
  limit?: EventRef;
  /** Every `fixed` version of this range, in version order. */
  fixed: string[];
}

/** A range or event that could not be evaluated; evaluation carries on without it. */
export interface Skipped {
  rangeIndex: number;
  eventIndex?: number;
  reason: string;
}

export type RangeVerdict =
  | {
      affected: true;
      /** Ranges holding the version (may be empty when only `versions` lists it). */
      matches: RangeMatch[];
      /** The version appears in `affected.versions` (same string or equal in the scheme). */
      listed: boolean;
      /** Fixed versions of the matching ranges; of all evaluable ranges when only listed. */
      fixed: string[];
      skipped: Skipped[];
    }
  | {
      affected: false;
      reason: 'invalid-version' | 'outside-ranges';
      detail: string;
      skipped: Skipped[];
    };

/** An event with its parsed version; MIN/MAX stand for `introduced: "0"` and `limit: "*"`. */
interface PreparedEvent {
  ref: EventRef;
  at: 'min' | 'max' | { value: unknown };
}

interface PreparedRange {
  events: PreparedEvent[];
  limits: PreparedEvent[];
  skipped: { eventIndex: number; reason: string }[];
  /** The `fixed` versions among `events`, in version order. */
  fixed: string[];
}

/** Parsed, sorted events per range object and scheme: advisories are evaluated many times. */
const prepared = new WeakMap<OsvRange, Map<SchemeName, PreparedRange>>();

function eventOf(e: OsvEvent): [OsvEventKind, string] | undefined {
  if ('introduced' in e) return ['introduced', e.introduced];
  if ('fixed' in e) return ['fixed', e.fixed];
  if ('last_affected' in e) return ['last_affected', e.last_affected];
  if ('limit' in e) return ['limit', e.limit];
  return undefined;
}

function cmpAt(scheme: VersionScheme, a: PreparedEvent['at'], b: PreparedEvent['at']): number {
  if (a === b) return 0;
  if (a === 'min' || b === 'max') return -1;
  if (a === 'max' || b === 'min') return 1;
  return scheme.compare(a.value, b.value);
}

function prepare(range: OsvRange, scheme: VersionScheme): PreparedRange {
  let byScheme = prepared.get(range);
  const hit = byScheme?.get(scheme.name);
  if (hit) return hit;
  const out: PreparedRange = { events: [], limits: [], skipped: [], fixed: [] };
  (Array.isArray(range.events) ? range.events : []).forEach((e, eventIndex) => {
    const ev = e && typeof e === 'object' ? eventOf(e) : undefined;
    if (!ev || typeof ev[1] !== 'string') {
      out.skipped.push({ eventIndex, reason: 'event has no introduced/fixed/last_affected/limit string' });
      return;
    }
    const [kind, version] = ev;
    const ref: EventRef = { kind, version, eventIndex };
    if (kind === 'introduced' && version === '0') out.events.push({ ref, at: 'min' });
    else if (kind === 'limit' && version === '*') out.limits.push({ ref, at: 'max' });
    else {
      const p: ParsedVersion<unknown> = scheme.parse(version);
      if (!p.valid) {
        out.skipped.push({ eventIndex, reason: `unparsable ${kind} version "${version}": ${p.reason}` });
        return;
      }
      (kind === 'limit' ? out.limits : out.events).push({ ref, at: { value: p.value } });
    }
  });
  // Array.prototype.sort is stable: equal versions keep their written order.
  out.events.sort((a, b) => cmpAt(scheme, a.at, b.at));
  for (const e of out.events) if (e.ref.kind === 'fixed') out.fixed.push(e.ref.version);
  if (!byScheme) {
    byScheme = new Map();
    prepared.set(range, byScheme);
  }
  byScheme.set(scheme.name, out);
  return out;
}

/** IncludedInRanges for one range; the match (with its reasons) or undefined. */
function evaluateRange(
  v: unknown,
  scheme: VersionScheme,
  p: PreparedRange,
  rangeIndex: number,
  type: RangeMatch['type'],
): RangeMatch | undefined {
  const at = { value: v };
  let limit: EventRef | undefined;
  if (p.limits.length > 0) {
    limit = p.limits.find((l) => cmpAt(scheme, at, l.at) < 0)?.ref;
    if (!limit) return undefined;
  }
  let vulnerable = false;
  let opened = -1;
  const events = p.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const c = cmpAt(scheme, at, e.at);
    if (e.ref.kind === 'introduced') {
      if (c >= 0) {
        vulnerable = true;
        opened = i;
      }
    } else if (e.ref.kind === 'fixed' ? c >= 0 : c > 0) {
      vulnerable = false;
    }
  }
  if (!vulnerable) return undefined;
  let closedBy: EventRef | undefined;
  for (let i = opened + 1; i < events.length && !closedBy; i++) {
    if (events[i]!.ref.kind !== 'introduced') closedBy = events[i]!.ref;
  }
  const match: RangeMatch = {
    rangeIndex,
    type,
    scheme: scheme.name,
    introduced: events[opened]!.ref,
    fixed: p.fixed.slice(),
  };
  if (closedBy) match.closedBy = closedBy;
  if (limit) match.limit = limit;
  return match;
}

/**
 * Is `version` affected by this `affected[]` entry? `scheme` orders ECOSYSTEM ranges
 * and the `versions` list; SEMVER ranges always use SemVer. Never throws on bad data.
 */
export function evaluateAffected(
  version: string,
  affected: OsvAffected,
  scheme: VersionScheme,
): RangeVerdict {
  const skipped: Skipped[] = [];
  const own = parseOwn(version, scheme);
  if (!own.valid) {
    return { affected: false, reason: 'invalid-version', detail: `${version}: ${own.reason}`, skipped };
  }
  let semverOwn: ParsedVersion<unknown> | undefined = scheme.name === 'semver' ? own : undefined;
  const matches: RangeMatch[] = [];
  const allFixed: string[] = [];
  const ranges = Array.isArray(affected.ranges) ? affected.ranges : [];
  for (let rangeIndex = 0; rangeIndex < ranges.length; rangeIndex++) {
    const range = ranges[rangeIndex]!;
    const type = range?.type;
    if (type !== 'ECOSYSTEM' && type !== 'SEMVER') {
      const reason =
        type === 'GIT' ? 'GIT ranges need the commit graph' : `unknown range type ${String(type)}`;
      skipped.push({ rangeIndex, reason: `${reason}; not evaluated` });
      continue;
    }
    const s = type === 'SEMVER' ? semver : scheme;
    let v: ParsedVersion<unknown> = own;
    if (type === 'SEMVER') {
      semverOwn ??= parseOwn(version, semver);
      v = semverOwn;
    }
    if (!v.valid) {
      skipped.push({
        rangeIndex,
        reason: `${version} is not SemVer (${v.reason}); SEMVER range not evaluated`,
      });
      continue;
    }
    const p = prepare(range, s);
    for (const k of p.skipped) skipped.push({ rangeIndex, ...k });
    const m = evaluateRange(v.value, s, p, rangeIndex, type);
    if (m) matches.push(m);
    else for (const f of p.fixed) allFixed.push(f);
  }
  const listed = isListed(version, own.value, affected.versions, scheme);
  if (matches.length === 0 && !listed) {
    return {
      affected: false,
      reason: 'outside-ranges',
      detail: `${version} is in no affected range`,
      skipped,
    };
  }
  const fixed = matches.length > 0 ? matches.flatMap((m) => m.fixed) : allFixed;
  return { affected: true, matches, listed, fixed: [...new Set(fixed)], skipped };
}

/**
 * The last version parsed per scheme: one package's version is evaluated against every
 * advisory naming it in a row, so a one-entry memo spares all but the first parse.
 */
const lastParsed = new Map<SchemeName, ParsedVersion<unknown>>();

function parseOwn(version: string, scheme: VersionScheme): ParsedVersion<unknown> {
  const last = lastParsed.get(scheme.name);
  if (last !== undefined && last.raw === version) return last;
  const parsed = scheme.parse(version);
  // Only a result that echoes its input can be recognised again.
  if (parsed.raw === version) lastParsed.set(scheme.name, parsed);
  return parsed;
}

/** `affected.versions` as (raw, parsed value) per scheme, parsed once per entry object. */
const preparedLists = new WeakMap<unknown[], Map<SchemeName, ListedVersion[]>>();

interface ListedVersion {
  raw: string;
  /** Absent when the string is not a valid version in the scheme. */
  parsed?: { value: unknown };
}

function listedVersions(versions: unknown[], scheme: VersionScheme): ListedVersion[] {
  let byScheme = preparedLists.get(versions);
  const hit = byScheme?.get(scheme.name);
  if (hit) return hit;
  const out: ListedVersion[] = [];
  for (const listed of versions) {
    if (typeof listed !== 'string') continue;
    const p = scheme.parse(listed);
    out.push(p.valid ? { raw: listed, parsed: { value: p.value } } : { raw: listed });
  }
  if (!byScheme) {
    byScheme = new Map();
    preparedLists.set(versions, byScheme);
  }
  byScheme.set(scheme.name, out);
  return out;
}

function isListed(raw: string, value: unknown, versions: unknown, scheme: VersionScheme): boolean {
  if (!Array.isArray(versions)) return false;
  for (const listed of listedVersions(versions, scheme)) {
    if (listed.raw === raw) return true;
    if (listed.parsed && scheme.compare(value, listed.parsed.value) === 0) return true;
  }
  return false;
}
