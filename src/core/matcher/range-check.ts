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

function evidenceRange(range: OsvRange | undefined): RangeCheck['range'] {
  if (!range || !Array.isArray(range.events)) return undefined;
  return { type: String(range.type), events: range.events.map((e) => ({ ...e }) as Record<string, string>) };
}

function allFixed(entry: OsvAffected): string[] {
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

function explainMiss(version: unknown, fixed: string[], scheme: VersionScheme): string {
  // Name the fix the installed version has reached: the reason a person wants to read.
  let best: string | undefined;
  for (const candidate of fixed) {
    const parsed = scheme.parse(candidate);
    if (!parsed.valid || scheme.compare(version, parsed.value) < 0) continue;
    const bestParsed = best === undefined ? undefined : scheme.parse(best);
    if (!bestParsed?.valid || scheme.compare(parsed.value, bestParsed.value) > 0) best = candidate;
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
      fixed,
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
