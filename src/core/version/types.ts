/**
 * A version scheme is one ecosystem's idea of version order. Parsing never throws:
 * an invalid version is a value too, and an invalid version never matches a range.
 */
export type ParsedVersion<T> =
  | { valid: true; raw: string; value: T }
  | { valid: false; raw: string; reason: string };

export type SchemeName =
  | 'deb'
  | 'rpm'
  | 'apk'
  | 'semver'
  | 'pep440'
  | 'maven'
  | 'go'
  | 'gem'
  | 'nuget'
  | 'composer'
  | 'cran'
  | 'conan'
  | 'pvp';

export interface VersionScheme<T = unknown> {
  name: SchemeName;
  parse(raw: string): ParsedVersion<T>;
  /** Negative when a < b, zero when equal in this ecosystem's order, positive when a > b. */
  compare(a: T, b: T): number;
}
