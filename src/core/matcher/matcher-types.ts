import type { OsvRecord } from '../advisory/osv-types.js';
import type { OSFamily, OSInfo, Package, PackageType } from '../sbom/model.js';

/**
 * One way to look a package up: the OSV ecosystems to ask (several when a distro
 * spreads one release over repositories, e.g. RHEL's `::baseos` and `::appstream`),
 * the name as the advisories spell it, and the version to compare.
 */
export interface MatchTarget {
  ecosystems: readonly string[];
  /**
   * Ecosystems named by prefix, resolved against what the database holds: RHEL files one
   * release under many repositories (`Red Hat:enterprise_linux:7::server`, `…::client`,
   * `…::workstation`), too many and too changeable to list.
   */
  ecosystemPrefixes?: readonly string[];
  name: string;
  via: 'name' | 'source';
  version: string;
}

/**
 * A thin per-ecosystem matcher: it only says which lookups a package needs. The shared
 * engine (`match-engine.ts`) does the lookups, range checks and evidence.
 */
export interface Matcher {
  /** `distro/debian`, `lang/npm`… */
  name: string;
  packageTypes: readonly PackageType[];
  /** Distro matchers apply only to these OS families; language matchers to any. */
  osFamilies?: readonly OSFamily[];
  targets(pkg: Package, os: OSInfo | undefined): MatchTarget[];
}

/** What the matcher needs from the advisory store; `AdvisoryStore` satisfies it. */
export interface AdvisoryLookup {
  lookup(ecosystem: string, name: string): OsvRecord[];
  /** A record by id or alias; lets an unrated finding borrow its linked records' rating. */
  get?(id: string): OsvRecord | undefined;
  /** Whether any record names this exact ecosystem: "no data" must not read as "clean". */
  hasEcosystem?(ecosystem: string): boolean;
  /** The ecosystems present whose name starts with `prefix`, sorted. */
  ecosystemsWithPrefix(prefix: string): readonly string[];
}
