/**
 * What the database cannot vouch for. A package whose ecosystem (or OS release) has no
 * advisories at all yields no finding — which, unsaid, reads as "not vulnerable". This
 * names, per OS release and ecosystem, how many packages went unchecked and why, so
 * every report can say it and `--fail-on-missing-data` can act on it.
 */
import { ecosystemFamily, vendorFeedFamilies } from '../advisory/ecosystems.js';
import { isOsPackage } from '../sbom/format/package-order.js';
import type { Sbom } from '../sbom/model.js';
import { matcherFor } from './matchers.js';
import type { MissingDataReason, ScanWarning } from './types.js';

/** What the database holds, asked once per ecosystem. */
export interface DataInventory {
  hasEcosystem(ecosystem: string): boolean;
  /** Ecosystem families with at least one record (`Debian`, `Go`). */
  families: ReadonlySet<string>;
  recordCount: number;
}

type MissingData = Extract<ScanWarning, { kind: 'missing-data' }>;

function message(
  reason: MissingDataReason,
  ecosystem: string,
  packages: number,
  osPackages: boolean,
): string {
  const what = `${packages} ${osPackages ? 'OS ' : ''}package${packages === 1 ? '' : 's'} not checked`;
  switch (reason) {
    case 'empty-database':
      return `${ecosystem}: ${what}: the vulnerability database is empty (run \`bulwark db update\` or \`bulwark db import\`)`;
    case 'no-data-for-release': {
      // Distributions OSV does not publish get their data only from a vendor feed: say which.
      const feed = vendorFeedFamilies[ecosystemFamily(ecosystem)];
      const release = ecosystem.includes(':') ? `-${ecosystem.slice(ecosystem.indexOf(':') + 1)}` : '';
      const hint = feed
        ? ` (OSV publishes none: \`bulwark db update --feed ${feed}${release}=DIR|URL\`)`
        : '';
      return `${ecosystem}: ${what}: the database has no advisories for this OS release${hint}`;
    }
    case 'no-data-for-ecosystem':
      return `${ecosystem}: ${what}: the database has no ${ecosystem} advisories (\`bulwark db update --ecosystem ${ecosystemFamily(ecosystem)}\`)`;
    case 'unsupported':
      return `${ecosystem}: ${what}: Bulwark has no advisory matching for ${ecosystem} packages on this OS`;
  }
}

/** Reads only the OS and the packages, so the server can ask it of stored rows too. */
export function findMissingData(
  sbom: Pick<Sbom, 'os' | 'packages'>,
  inventory: DataInventory,
): MissingData[] {
  const known = new Map<string, boolean>();
  const has = (ecosystem: string) => {
    let answer = known.get(ecosystem);
    if (answer === undefined) {
      answer = inventory.hasEcosystem(ecosystem);
      known.set(ecosystem, answer);
    }
    return answer;
  };
  const gaps = new Map<
    string,
    { reason: MissingDataReason; ecosystem: string; packages: number; os: boolean }
  >();
  const note = (reason: MissingDataReason, ecosystem: string, os: boolean) => {
    const key = `${reason}\u0000${ecosystem}`;
    const gap = gaps.get(key);
    if (gap) gap.packages++;
    else gaps.set(key, { reason, ecosystem, packages: 1, os });
  };
  const osLabel = sbom.os ? `${sbom.os.name || `${sbom.os.family} ${sbom.os.version}`.trim()}` : 'unknown OS';
  for (const pkg of sbom.packages) {
    const os = isOsPackage(pkg);
    const matcher = matcherFor(pkg, sbom.os?.family);
    // Generic files (binaries without package metadata) are not matched by design; only the
    // runtimes the runtime matcher looks up (node, python, openjdk…) are counted.
    if (pkg.type === 'generic' && (!matcher || matcher.targets(pkg, sbom.os).length === 0)) continue;
    if (!matcher) {
      note('unsupported', os ? `${pkg.type} (${osLabel})` : pkg.type, os);
      continue;
    }
    const ecosystems = [...new Set(matcher.targets(pkg, sbom.os).flatMap((t) => t.ecosystems))];
    if (ecosystems.length === 0) {
      note(inventory.recordCount === 0 ? 'empty-database' : 'no-data-for-release', osLabel, os);
      continue;
    }
    if (ecosystems.some(has)) continue;
    const label = ecosystems[0]!;
    const reason: MissingDataReason =
      inventory.recordCount === 0
        ? 'empty-database'
        : os &&
            (inventory.families.has(ecosystemFamily(label)) || ecosystemFamily(label) in vendorFeedFamilies)
          ? 'no-data-for-release'
          : 'no-data-for-ecosystem';
    note(reason, os ? label.replace(/::.*$/, '') : label, os);
  }
  return [...gaps.values()]
    .sort((a, b) => (a.ecosystem < b.ecosystem ? -1 : a.ecosystem > b.ecosystem ? 1 : 0))
    .map((gap) => ({
      kind: 'missing-data',
      reason: gap.reason,
      ecosystem: gap.ecosystem,
      packages: gap.packages,
      message: message(gap.reason, gap.ecosystem, gap.packages, gap.os),
    }));
}
