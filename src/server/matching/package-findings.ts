/**
 * The findings of one stored package, worked out with the very engine `bulwark scan` uses
 * (`MatchEngine` + alias merging), so the server's counts equal the CLI's for the same
 * SBOM and database. Results are cached per distinct package for one matching pass.
 */
import { createHash } from 'node:crypto';
import { MatchEngine } from '../../core/matcher/match-engine.js';
import { findingFromEvaluation } from '../../core/matcher/match-sbom.js';
import type { AdvisoryLookup } from '../../core/matcher/matcher-types.js';
import { mergePackageFindings } from '../../core/matcher/merge-findings.js';
import type { Finding } from '../../core/matcher/types.js';
import { matchKey, packageFromRow, type StoredSoftware } from './package-row.js';

/** One finding as the `findings` table keeps it, plus the vulnerability row it needs. */
export interface ComputedFinding {
  vulnerabilityId: string;
  severity: number;
  fixedVersion: string | null;
  patchable: number;
  /** 1: the version is definitely in an affected range; 0: potential (weaker evidence). */
  confirmed: number;
  evidenceJson: string;
  vulnerability: {
    id: string;
    aliases: string[];
    title: string;
    severity: number;
    cvssScore: number | null;
    cvssVector: string | null;
    published: number | null;
  };
}

/** A stable integer id per vulnerability, like the reference's QID (48 bits of sha256, above 10^9). */
export function qidOf(id: string): number {
  return 1_000_000_000 + createHash('sha256').update(id).digest().readUIntBE(0, 6);
}

function toComputed(f: Finding, confirmed: boolean): ComputedFinding {
  const published = f.published ? Date.parse(f.published) : Number.NaN;
  return {
    vulnerabilityId: f.id,
    severity: f.severity,
    fixedVersion: f.fixedVersions[0] ?? null,
    patchable: f.patchable ? 1 : 0,
    confirmed: confirmed ? 1 : 0,
    evidenceJson: JSON.stringify(f.evidence),
    vulnerability: {
      id: f.id,
      aliases: f.aliases,
      title: f.summary ?? f.id,
      severity: f.severity,
      cvssScore: f.cvss?.score ?? null,
      cvssVector: f.cvss?.vector ?? null,
      published: Number.isFinite(published) ? published : null,
    },
  };
}

export class PackageFindings {
  private readonly engine: MatchEngine;
  private readonly cache = new Map<string, ComputedFinding[] | undefined>();
  /** Distinct packages evaluated in this pass (bench and tests read it). */
  evaluated = 0;
  /**
   * Vulnerability rows already written in this pass: their data comes from the same
   * database, so a vulnerability thousands of assets share is upserted once, not per batch.
   */
  readonly storedVulnerabilities = new Set<string>();

  constructor(
    lookup: AdvisoryLookup,
    private readonly now: Date,
  ) {
    this.engine = new MatchEngine(lookup);
  }

  /** Undefined when the row cannot be matched at all (no match facts stored). */
  of(row: StoredSoftware): ComputedFinding[] | undefined {
    const key = matchKey(row);
    if (this.cache.has(key)) return this.cache.get(key);
    const result = this.compute(row);
    this.cache.set(key, result);
    return result;
  }

  private compute(row: StoredSoftware): ComputedFinding[] | undefined {
    const parsed = packageFromRow(row);
    if (!parsed) return undefined;
    this.evaluated++;
    const evaluations = this.engine.evaluate(parsed.pkg, parsed.os);
    const affected: Finding[] = [];
    const unparsable: Finding[] = [];
    for (const e of evaluations) {
      if (e.status === 'affected') affected.push(findingFromEvaluation(e, this.now));
      // The advisory names this package but its version cannot be compared: a potential
      // finding, never a silent "not affected".
      else if (e.status === 'invalid-version') unparsable.push(findingFromEvaluation(e, this.now));
    }
    const heuristic = parsed.pkg.confidence === 'low';
    const out =
      affected.length > 0 ? mergePackageFindings(affected).map((f) => toComputed(f, !heuristic)) : [];
    if (unparsable.length > 0) {
      const seen = new Set(out.map((f) => f.vulnerabilityId));
      for (const f of mergePackageFindings(unparsable)) if (!seen.has(f.id)) out.push(toComputed(f, false));
    }
    return out;
  }
}
