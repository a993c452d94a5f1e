/**
 * The bridge to the shared OSV range evaluation (`advisory/osv-range.ts`): turns its
 * verdict into evidence and a sentence. Bad advisory data never escapes as an
 * exception: a malformed entry is "not affected" with the reason.
 */
import { evaluateAffected, type RangeMatch } from '../advisory/osv-range.js';
import type { OsvAffected, OsvRange } from '../advisory/osv-types.js';
import { schemeForEcosystem } from '../version/schemes.js';
import type { ParsedVersion, VersionScheme } from '../version/types.js';
import type { MatchEvidence } from './types.js';

export interface RangeCheck {
  affected: boolean;
  /** Fixed versions of the deciding ranges (of every range when none holds the version). */
  fixed: string[];
  range?: NonNullable<MatchEvidence['range']>;
  matchedVersionList?: boolean;
  /** Completes "<ecosystem> <name> <version> …": `< fixed 1.2-3`, `>= fixed 1.2-3`. */
  explanation: string;
}

export const schemeFor = schemeForEcosystem;

/**
 * Derived data is kept per advisory object (records are shared by the store's cache and
 * never mutated), so evaluating the same advisory again allocates nothing new. The
 * evidence range is a copy of the record's, shared by every finding it explains.
 */
const evidenceRanges = new WeakMap<OsvRange, NonNullable<RangeCheck['range']>>();
const fixedByEntry = new WeakMap<OsvAffected, readonly string[]>();

function evidenceRange(range: OsvRange | undefined): RangeCheck['range'] {
  if (!range || !Array.isArray(range.events)) return undefined;
  let out = evidenceRanges.get(range);
  if (!out) {
    out = { type: String(range.type), events: range.events.map((e) => ({ ...e }) as Record<string, string>) };
    evidenceRanges.set(range, out);
  }
  return out;
}

function allFixed(entry: OsvAffected): readonly string[] {
  let fixed = fixedByEntry.get(entry);
  if (!fixed) {
    fixed = computeAllFixed(entry);
    fixedByEntry.set(entry, fixed);
  }
  return fixed;
}

function computeAllFixed(entry: OsvAffected): string[] {
  const out: string[] = [];
  for (const range of Array.isArray(entry.ranges) ? entry.ranges : []) {
    if (range?.type === 'GIT' || !Array.isArray(range?.events)) continue;
    for (const event of range.events) {
      if (event && typeof event === 'object' && 'fixed' in event && typeof event.fixed === 'string')
        out.push(event.fixed);
    }
  }
  return [...new Set(out)];
}

function explainMatch(match: RangeMatch | undefined, listed: boolean): string {
  if (!match) return listed ? 'is listed among the affected versions' : 'is affected';
  const closed = match.closedBy;
  if (!closed) return `>= introduced ${match.introduced.version}, no fix in this range`;
  const relation = closed.kind === 'fixed' ? '< fixed' : '<= last_affected';
  return `>= introduced ${match.introduced.version} and ${relation} ${closed.version}`;
}

/** Parsed fixed versions per list and scheme (lists come from `allFixed`, one per entry). */
const parsedFixed = new WeakMap<readonly string[], Map<string, ParsedVersion<unknown>[]>>();

function parseAll(versions: readonly string[], scheme: VersionScheme): ParsedVersion<unknown>[] {
  let byScheme = parsedFixed.get(versions);
  let parsed = byScheme?.get(scheme.name);
  if (!parsed) {
    parsed = versions.map((version) => scheme.parse(version));
    if (!byScheme) {
      byScheme = new Map();
      parsedFixed.set(versions, byScheme);
    }
    byScheme.set(scheme.name, parsed);
  }
  return parsed;
}

function explainMiss(version: unknown, fixed: readonly string[], scheme: VersionScheme): string {
  // Name the fix the installed version has reached: the reason a person wants to read.
  let best: string | undefined;
  let bestValue: unknown;
  const parsed = parseAll(fixed, scheme);
  for (let i = 0; i < fixed.length; i++) {
    const candidate = parsed[i]!;
    if (!candidate.valid || scheme.compare(version, candidate.value) < 0) continue;
    if (best === undefined || scheme.compare(candidate.value, bestValue) > 0) {
      best = fixed[i];
      bestValue = candidate.value;
    }
  }
  return best ? `>= fixed ${best}` : 'is in no affected range';
}

export function checkAffected(
  installed: ParsedVersion<unknown> & { valid: true },
  entry: OsvAffected,
  scheme: VersionScheme,
): RangeCheck {
  try {
    const verdict = evaluateAffected(installed.raw, entry, scheme);
    const ranges = Array.isArray(entry.ranges) ? entry.ranges : [];
    if (verdict.affected) {
      const match = verdict.matches[0];
      const range = evidenceRange(match ? ranges[match.rangeIndex] : undefined);
      return {
        affected: true,
        fixed: verdict.fixed,
        ...(range ? { range } : {}),
        ...(verdict.listed && !match ? { matchedVersionList: true } : {}),
        explanation: explainMatch(match, verdict.listed),
      };
    }
    const fixed = allFixed(entry);
    const range = evidenceRange(ranges.find((r) => r?.type !== 'GIT'));
    return {
      affected: false,
      fixed: [...fixed],
      ...(range ? { range } : {}),
      explanation:
        verdict.reason === 'invalid-version' ? verdict.detail : explainMiss(installed.value, fixed, scheme),
    };
  } catch (err) {
    return {
      affected: false,
      fixed: [],
      explanation: `the advisory entry cannot be evaluated: ${(err as Error).message}`,
    };
  }
}
