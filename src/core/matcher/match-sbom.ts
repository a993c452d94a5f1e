/**
 * `matchSbom`: the SBOM × advisory database → findings, one per vulnerability and
 * package after alias merging.
 */
import type { OsvRecord } from '../advisory/osv-types.js';
import type { Sbom } from '../sbom/model.js';
import { type Evaluation, MatchEngine, type RecordFilter } from './match-engine.js';
import type { AdvisoryLookup } from './matcher-types.js';
import { mergePackageFindings } from './merge-findings.js';
import { severityOf } from './severity.js';
import type { Finding } from './types.js';

export interface MatchOptions {
  /** "Now", for ages; tests pin it. */
  now?: Date;
}

const dayMs = 86_400_000;

/** Ids a record goes by: its own, its aliases, and the upstream ids it was derived from. */
export function recordIds(record: OsvRecord): string[] {
  const ids = [record.id, ...(record.aliases ?? []), ...(record.upstream ?? [])];
  return [...new Set(ids.filter((id) => typeof id === 'string' && id.length > 0))];
}

export function findingFromEvaluation(evaluation: Evaluation, now: Date): Finding {
  const { record, package: pkg } = evaluation;
  const severity = severityOf(record, evaluation.affected);
  // The Go vulndb writes Go's zero time (0001-01-01) when it has no date: treat it as none.
  const publishedMs = record.published ? Date.parse(record.published) : Number.NaN;
  const published = publishedMs > Date.UTC(1990, 0, 1) ? record.published : undefined;
  const references = (record.references ?? [])
    .map((reference) => reference?.url)
    .filter((url): url is string => typeof url === 'string');
  return {
    id: record.id,
    aliases: recordIds(record).filter((id) => id !== record.id),
    ...(record.summary ? { summary: record.summary } : {}),
    package: pkg,
    installedVersion: pkg.version,
    fixedVersions: evaluation.fixed,
    patchable: evaluation.fixed.length > 0,
    severity: severity.severity,
    severitySource: severity.severitySource,
    ...(severity.cvss ? { cvss: severity.cvss } : {}),
    ...(published ? { published } : {}),
    ...(published ? { ageDays: Math.max(0, Math.floor((now.getTime() - publishedMs) / dayMs)) } : {}),
    references: [...new Set(references)],
    evidence: [evaluation.evidence],
  };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    b.severity - a.severity ||
    a.package.name.localeCompare(b.package.name) ||
    a.package.version.localeCompare(b.package.version) ||
    a.id.localeCompare(b.id)
  );
}

/** Matches with a prepared engine; reuse one engine across SBOMs to share its caches. */
export function matchWithEngine(
  sbom: Sbom,
  engine: MatchEngine,
  opts: MatchOptions = {},
  filter?: RecordFilter,
) {
  const now = opts.now ?? new Date();
  const findings: Finding[] = [];
  for (const pkg of sbom.packages) {
    const evaluations = engine.evaluate(pkg, sbom.os, filter);
    if (evaluations.length === 0) continue;
    const raw = evaluations.filter((e) => e.status === 'affected').map((e) => findingFromEvaluation(e, now));
    if (raw.length > 0) findings.push(...mergePackageFindings(raw));
  }
  return findings.sort(compareFindings);
}

export function matchSbom(sbom: Sbom, store: AdvisoryLookup, opts: MatchOptions = {}): Finding[] {
  return matchWithEngine(sbom, new MatchEngine(store), opts);
}
