/**
 * Alias merging: one vulnerability reported by several advisories (DSA + DEBIAN-CVE,
 * GHSA + PYSEC + CVE, GO- + CVE) becomes one finding per package.
 *
 * Records are joined when they share an id (their own, an alias or an `upstream` id),
 * but never so that one finding would span two CVEs: an advisory that fixes several
 * CVEs at once (a DSA usually does) adds its evidence to each CVE's finding, and stands
 * alone, under its own id, only when none of its CVEs has a finding of its own.
 */
import type { Finding } from './types.js';

const cvePattern = /^CVE-\d{4}-\d+$/;

export function isCve(id: string): boolean {
  return cvePattern.test(id);
}

function idsOf(finding: Finding): string[] {
  return [finding.id, ...finding.aliases];
}

function cvesOf(finding: Finding): Set<string> {
  return new Set(idsOf(finding).filter(isCve));
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

/** A copy whose lists can be changed; the package is shared, never mutated. */
function copy(finding: Finding): Finding {
  return {
    ...finding,
    aliases: [...finding.aliases],
    fixedVersions: [...finding.fixedVersions],
    references: [...finding.references],
    evidence: [...finding.evidence],
  };
}

/**
 * Whether `a`'s rating should replace `b`'s: a distro rating beats any other (it decides
 * for OS packages), any rating beats none, and among equals the more severe wins.
 */
function outranks(a: Finding, b: Finding): boolean {
  const rank = (f: Finding) => (f.severitySource === 'distro' ? 2 : f.severitySource === 'unknown' ? 0 : 1);
  if (rank(a) !== rank(b)) return rank(a) > rank(b);
  return a.severity > b.severity || (a.severity === b.severity && !b.cvss && a.cvss !== undefined);
}

/** Folds `other` into `into` (mutates `into`). */
function absorb(into: Finding, other: Finding): void {
  const ids = union(idsOf(into), idsOf(other));
  into.aliases = ids.filter((id) => id !== into.id);
  into.fixedVersions = union(into.fixedVersions, other.fixedVersions);
  into.patchable = into.fixedVersions.length > 0;
  into.references = union(into.references, other.references);
  into.evidence = [...into.evidence, ...other.evidence];
  if (!into.summary && other.summary) into.summary = other.summary;
  if (!into.description && other.description) into.description = other.description;
  if (outranks(other, into)) {
    into.severity = other.severity;
    into.severitySource = other.severitySource;
    if (other.cvss) into.cvss = other.cvss;
  } else if (!into.cvss && other.cvss) {
    // The CVSS score stays visible beside a distro rating, whichever record carried it.
    into.cvss = other.cvss;
  }
  const published = earlier(into.published, other.published);
  if (published && published !== into.published) {
    into.published = published;
    if (other.ageDays !== undefined) into.ageDays = Math.max(into.ageDays ?? 0, other.ageDays);
  }
}

/** The primary id of a merged finding: its CVE if it has exactly one, else its first id. */
function choosePrimary(finding: Finding): void {
  const cves = [...cvesOf(finding)];
  const primary = cves.length === 1 ? cves[0]! : finding.id;
  if (primary === finding.id) return;
  finding.aliases = [finding.id, ...finding.aliases.filter((id) => id !== primary)];
  finding.id = primary;
}

/**
 * Merges the findings of ONE package. Input findings each come from one advisory
 * (aliases = the advisory's aliases and upstream ids); the output is sorted by id.
 */
export function mergePackageFindings(findings: readonly Finding[]): Finding[] {
  // The common case, and the hot one when re-matching an inventory: nothing to merge.
  if (findings.length === 1) {
    const only = copy(findings[0]!);
    choosePrimary(only);
    return [only];
  }
  const single = findings.filter((f) => cvesOf(f).size <= 1);
  const multi = findings.filter((f) => cvesOf(f).size > 1);
  const groups: Finding[] = [];
  for (const finding of single) {
    const ids = new Set(idsOf(finding));
    const cve = [...cvesOf(finding)][0];
    // Joining must not put two CVEs in one group.
    const matching = groups.filter((group) => {
      if (!idsOf(group).some((id) => ids.has(id))) return false;
      const groupCve = [...cvesOf(group)][0];
      return groupCve === undefined || cve === undefined || groupCve === cve;
    });
    if (matching.length === 0) {
      groups.push(copy(finding));
      continue;
    }
    const [first, ...rest] = matching;
    absorb(first!, finding);
    for (const other of rest) {
      const cveA = [...cvesOf(first!)][0];
      const cveB = [...cvesOf(other)][0];
      if (cveA !== undefined && cveB !== undefined && cveA !== cveB) continue;
      absorb(first!, other);
      groups.splice(groups.indexOf(other), 1);
    }
  }
  for (const finding of multi) {
    const cves = cvesOf(finding);
    const targets = groups.filter((group) => [...cvesOf(group)].some((cve) => cves.has(cve)));
    if (targets.length === 0) {
      groups.push(copy(finding));
      continue;
    }
    for (const target of targets) {
      // The multi-CVE advisory lends evidence and fixes, not its other CVE ids.
      const lent: Finding = { ...finding, aliases: [finding.id], id: finding.id };
      const cve = [...cvesOf(target)][0]!;
      absorb(target, { ...lent, aliases: lent.aliases.filter((id) => !isCve(id) || id === cve) });
    }
  }
  for (const group of groups) choosePrimary(group);
  return groups.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
