/**
 * The shared engine: for each lookup a matcher asks for, fetch the records, keep the
 * affected entries that name this package in this ecosystem, and decide with the
 * ecosystem's version scheme. Every decision, affected or not, is an `Evaluation`, so
 * `bulwark explain` can say why an image is NOT affected as well as why it is.
 */
import type { OsvAffected, OsvRecord } from '../advisory/osv-types.js';
import { normalizePackageName } from '../advisory/package-name.js';
import type { OSInfo, Package } from '../sbom/model.js';
import type { ParsedVersion, VersionScheme } from '../version/types.js';
import type { AdvisoryLookup, Matcher, MatchTarget } from './matcher-types.js';
import { matcherFor } from './matchers.js';
import { checkAffected, type RangeCheck, schemeFor } from './range-check.js';
import type { MatchEvidence } from './types.js';

export type EvaluationStatus =
  | 'affected'
  | 'not-affected'
  | 'withdrawn'
  | 'invalid-version'
  | 'unknown-ecosystem';

export interface Evaluation {
  record: OsvRecord;
  package: Package;
  target: MatchTarget;
  ecosystem: string;
  status: EvaluationStatus;
  /** One line a person can read: `Debian:12 openssl 3.0.15-1~deb12u1 >= fixed 3.0.13-1~deb12u1`. */
  reason: string;
  /** The affected entry that decided (the first one naming the package when none affects it). */
  affected: OsvAffected;
  fixed: string[];
  evidence: MatchEvidence;
}

export type RecordFilter = (record: OsvRecord) => boolean;

const noEntries: readonly OsvAffected[] = [];

interface EntriesFor {
  ecosystem: string;
  name: string;
  entries: readonly OsvAffected[];
}

/**
 * The entries of each record per (ecosystem, name), found once: records are shared by
 * the store's cache and an inventory re-match asks about the same pairs again. A short
 * list, not a map: a record is asked only about the few names it lists.
 */
const entriesCache = new WeakMap<OsvRecord, EntriesFor[]>();

function entriesFor(record: OsvRecord, ecosystem: string, name: string): readonly OsvAffected[] {
  if (!Array.isArray(record.affected)) return noEntries;
  let known = entriesCache.get(record);
  if (known) {
    for (const k of known) if (k.name === name && k.ecosystem === ecosystem) return k.entries;
  }
  const wanted = normalizePackageName(ecosystem, name);
  const found = record.affected.filter(
    (entry) =>
      entry?.package?.ecosystem === ecosystem &&
      typeof entry.package.name === 'string' &&
      normalizePackageName(ecosystem, entry.package.name) === wanted,
  );
  const entries = found.length === 0 ? noEntries : found;
  if (!known) {
    known = [];
    entriesCache.set(record, known);
  }
  if (known.length < 16) known.push({ ecosystem, name, entries });
  return entries;
}

interface CheckedVersion {
  raw: string;
  scheme: VersionScheme;
  check: RangeCheck;
}

/**
 * Range verdicts per affected entry and installed version: re-matching an inventory
 * checks the same versions against the same entries. At most `checksPerEntry` versions
 * per entry, and entries are held weakly, so this lives and dies with the store's
 * record cache. Verdicts are only read (evaluations copy what they keep).
 */
const checks = new WeakMap<OsvAffected, CheckedVersion[]>();
const checksPerEntry = 8;

function cachedCheck(
  parsed: ParsedVersion<unknown> & { valid: true },
  entry: OsvAffected,
  scheme: VersionScheme,
): RangeCheck {
  let known = checks.get(entry);
  if (known) {
    for (const k of known) if (k.raw === parsed.raw && k.scheme === scheme) return k.check;
  }
  const check = checkAffected(parsed, entry, scheme);
  if (!known) {
    known = [];
    checks.set(entry, known);
  }
  // The most recent version first: it is the likeliest to be asked about again.
  known.unshift({ raw: parsed.raw, scheme, check });
  if (known.length > checksPerEntry) known.pop();
  return check;
}

function describe(
  target: MatchTarget,
  ecosystem: string,
  check: RangeCheck | undefined,
  status: EvaluationStatus,
) {
  const head = `${ecosystem} ${target.name} ${target.version}`;
  switch (status) {
    case 'withdrawn':
      return `${head}: the advisory is withdrawn`;
    case 'invalid-version':
      return `${head}: the version is not valid in this ecosystem, so it cannot be compared`;
    case 'unknown-ecosystem':
      return `${head}: no version scheme is known for ${ecosystem}`;
    default:
      return `${head} ${check?.explanation ?? (status === 'affected' ? 'is affected' : 'is not affected')}`;
  }
}

/** One literal of one shape: evaluations are made by the hundred thousand. */
function evaluation(
  record: OsvRecord,
  pkg: Package,
  target: MatchTarget,
  ecosystem: string,
  evidence: MatchEvidence,
  status: EvaluationStatus,
  affected: OsvAffected,
  fixed: readonly string[],
  check: RangeCheck | undefined,
): Evaluation {
  return {
    record,
    package: pkg,
    target,
    ecosystem,
    evidence,
    status,
    affected,
    // Deduplicated, in first-seen order (range checks already return unique versions).
    fixed: fixed.length < 2 ? fixed.slice() : [...new Set(fixed)],
    reason: describe(target, ecosystem, check, status),
  };
}

export class MatchEngine {
  private readonly schemes = new Map<string, VersionScheme | undefined>();

  constructor(private readonly store: AdvisoryLookup) {}

  /** A record by id or alias, when the store can tell. */
  record(id: string): OsvRecord | undefined {
    return this.store.get?.(id);
  }

  private scheme(ecosystem: string): VersionScheme | undefined {
    if (!this.schemes.has(ecosystem)) this.schemes.set(ecosystem, schemeFor(ecosystem));
    return this.schemes.get(ecosystem);
  }

  /** The target's ecosystems, then those its prefixes find in the database (each once). */
  private ecosystemsOf(target: MatchTarget): readonly string[] {
    if (!target.ecosystemPrefixes?.length) return target.ecosystems;
    const all = new Set(target.ecosystems);
    for (const prefix of target.ecosystemPrefixes) {
      for (const ecosystem of this.store.ecosystemsWithPrefix(prefix)) all.add(ecosystem);
    }
    return [...all];
  }

  /** Every decision for one package; `filter` narrows the records considered (explain). */
  evaluate(pkg: Package, os: OSInfo | undefined, filter?: RecordFilter): Evaluation[] {
    const matcher: Matcher | undefined = matcherFor(pkg, os?.family);
    if (!matcher) return [];
    const out: Evaluation[] = [];
    const seen = new Set<string>();
    for (const target of matcher.targets(pkg, os)) {
      for (const ecosystem of this.ecosystemsOf(target)) {
        const records = this.store.lookup(ecosystem, target.name);
        if (records.length === 0) continue;
        let parsed: ParsedVersion<unknown> | undefined;
        for (const record of records) {
          if (seen.has(record.id) || (filter && !filter(record))) continue;
          const entries = entriesFor(record, ecosystem, target.name);
          if (entries.length === 0) continue;
          seen.add(record.id);
          const scheme = this.scheme(ecosystem);
          if (scheme && !parsed) parsed = scheme.parse(target.version);
          out.push(this.decide(record, pkg, target, ecosystem, entries, scheme, parsed));
        }
      }
    }
    return out;
  }

  private decide(
    record: OsvRecord,
    pkg: Package,
    target: MatchTarget,
    ecosystem: string,
    entries: readonly OsvAffected[],
    scheme: VersionScheme | undefined,
    parsed: ParsedVersion<unknown> | undefined,
  ): Evaluation {
    const evidence: MatchEvidence = {
      advisoryId: record.id,
      ecosystem,
      packageName: target.name,
      via: target.via,
      comparator: scheme?.name ?? 'none',
      comparedVersion: target.version,
    };
    let status: EvaluationStatus;
    if (record.withdrawn) status = 'withdrawn';
    else if (!scheme) status = 'unknown-ecosystem';
    else if (!parsed?.valid) status = 'invalid-version';
    else status = 'not-affected';
    if (status !== 'not-affected' || !scheme || !parsed?.valid) {
      return evaluation(record, pkg, target, ecosystem, evidence, status, entries[0]!, [], undefined);
    }
    let first: RangeCheck | undefined;
    for (const entry of entries) {
      const check = cachedCheck(parsed, entry, scheme);
      first ??= check;
      if (check.affected) {
        if (check.range) evidence.range = check.range;
        if (check.matchedVersionList) evidence.matchedVersionList = true;
        return evaluation(record, pkg, target, ecosystem, evidence, 'affected', entry, check.fixed, check);
      }
    }
    if (first?.range) evidence.range = first.range;
    const fixed = first?.fixed ?? [];
    return evaluation(record, pkg, target, ecosystem, evidence, 'not-affected', entries[0]!, fixed, first);
  }
}
