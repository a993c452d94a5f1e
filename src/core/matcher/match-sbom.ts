/**
 * `matchSbom`: the SBOM × advisory database → findings, one per vulnerability and
 * package after alias merging.
 */
import type { OsvRecord } from '../advisory/osv-types.js';
import { isOsPackage } from '../sbom/format/package-order.js';
import type { Sbom } from '../sbom/model.js';
import { type Evaluation, MatchEngine, type RecordFilter } from './match-engine.js';
import type { AdvisoryLookup } from './matcher-types.js';
import { mergePackageFindings } from './merge-findings.js';
import { severityOf } from './severity.js';
import { sortFindingsInPlace } from './sort-findings.js';
import { recordTitle } from './title.js';
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

/** What a finding takes from its record alone, worked out once per record object. */
interface RecordFacts {
  aliases: readonly string[];
  references: readonly string[];
  published?: string;
  publishedMs: number;
}

const factsCache = new WeakMap<OsvRecord, RecordFacts>();

function factsOf(record: OsvRecord): RecordFacts {
  let facts = factsCache.get(record);
  if (facts) return facts;
  // The Go vulndb writes Go's zero time (0001-01-01) when it has no date: treat it as none.
  const publishedMs = record.published ? Date.parse(record.published) : Number.NaN;
  const published = publishedMs > Date.UTC(1990, 0, 1) ? record.published : undefined;
  const references = (record.references ?? [])
    .map((reference) => reference?.url)
    .filter((url): url is string => typeof url === 'string');
  facts = {
    aliases: recordIds(record).filter((id) => id !== record.id),
    references: [...new Set(references)],
    ...(published ? { published } : {}),
    publishedMs,
  };
  factsCache.set(record, facts);
  return facts;
}

/** The finding's title (summary, else the first sentence of details) and full description. */
function titleAndDescription(record: OsvRecord): Pick<Finding, 'summary' | 'description'> {
  const title = recordTitle(record);
  const details = typeof record.details === 'string' ? record.details.trim() : '';
  return { ...(title ? { summary: title } : {}), ...(details ? { description: details } : {}) };
}

/**
 * A finding whose lists may be shared with the record's cached facts: only for
 * `mergePackageFindings`, which copies every list before it changes one.
 */
function sharedFinding(evaluation: Evaluation, now: Date): Finding {
  const { record, package: pkg } = evaluation;
  const severity = severityOf(record, evaluation.affected, isOsPackage(pkg));
  const facts = factsOf(record);
  const published = facts.published;
  return {
    id: record.id,
    aliases: facts.aliases as string[],
    ...titleAndDescription(record),
    package: pkg,
    installedVersion: pkg.version,
    fixedVersions: evaluation.fixed,
    patchable: evaluation.fixed.length > 0,
    severity: severity.severity,
    severitySource: severity.severitySource,
    ...(severity.cvss ? { cvss: severity.cvss } : {}),
    ...(published ? { published } : {}),
    ...(published ? { ageDays: Math.max(0, Math.floor((now.getTime() - facts.publishedMs) / dayMs)) } : {}),
    references: facts.references as string[],
    evidence: [evaluation.evidence],
  };
}

/** One evaluation as a finding of its own (the server stores findings per package). */
export function findingFromEvaluation(evaluation: Evaluation, now: Date): Finding {
  const finding = sharedFinding(evaluation, now);
  finding.aliases = finding.aliases.slice();
  finding.references = finding.references.slice();
  return finding;
}

/**
 * An unrated finding borrows the rating of a record it is linked to by id, alias or
 * upstream id (a PYSEC record and its GHSA alias are one vulnerability), using the
 * linked record's entry for the same package when it has one.
 */
function borrowSeverity(finding: Finding, engine: MatchEngine): void {
  if (finding.severitySource !== 'unknown') return;
  const own = new Set(finding.evidence.map((e) => e.advisoryId));
  const osPackage = isOsPackage(finding.package);
  for (const id of [finding.id, ...finding.aliases]) {
    const record = engine.record(id);
    if (!record || own.has(record.id)) continue;
    const evidence = finding.evidence[0];
    const entry = Array.isArray(record.affected)
      ? record.affected.find(
          (a) => a?.package?.ecosystem === evidence?.ecosystem && a?.package?.name === evidence?.packageName,
        )
      : undefined;
    const verdict = severityOf(record, entry, osPackage);
    if (verdict.severitySource === 'unknown') continue;
    finding.severity = verdict.severity;
    finding.severitySource = verdict.severitySource;
    if (verdict.cvss) finding.cvss = verdict.cvss;
    return;
  }
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
    const raw: Finding[] = [];
    for (const e of evaluations) if (e.status === 'affected') raw.push(sharedFinding(e, now));
    if (raw.length === 0) continue;
    for (const finding of mergePackageFindings(raw)) {
      borrowSeverity(finding, engine);
      findings.push(finding);
    }
  }
  return sortFindingsInPlace(findings);
}

export function matchSbom(sbom: Sbom, store: AdvisoryLookup, opts: MatchOptions = {}): Finding[] {
  return matchWithEngine(sbom, new MatchEngine(store), opts);
}
