import { compareStrings } from './digits.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * NuGet versions (NuGet.Versioning `NuGetVersion` and `VersionComparer.Default`,
 * documented at learn.microsoft.com/nuget/concepts/package-versioning):
 * `Major[.Minor[.Patch[.Revision]]][-label.label…][+metadata]`; missing parts are 0,
 * so 1.0 = 1.0.0 = 1.0.0.0. A release sorts after its pre-releases; labels compare
 * part by part, numeric parts numerically and before alphanumeric parts, alphanumeric
 * parts case-insensitively; metadata is ignored.
 */
export interface NugetVersion {
  parts: [number, number, number, number];
  /** Pre-release labels: numbers for numeric labels, upper-cased text otherwise. */
  labels: (number | string)[];
}

const NUGET =
  /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]*)?$/;
const INT_MAX = 2147483647;

function parse(raw: string): ParsedVersion<NugetVersion> {
  const m = NUGET.exec(raw.trim());
  if (!m) return { valid: false, raw, reason: 'not a NuGet version' };
  const parts = [m[1], m[2], m[3], m[4]].map((p) => Number(p ?? '0')) as NugetVersion['parts'];
  if (parts.some((p) => p > INT_MAX)) return { valid: false, raw, reason: 'version part exceeds Int32' };
  const labels =
    m[5] === undefined
      ? []
      : m[5]
          .split('.')
          .map((l) => (/^[0-9]+$/.test(l) && Number(l) <= INT_MAX ? Number(l) : l.toUpperCase()));
  return { valid: true, raw, value: { parts, labels } };
}

function compare(a: NugetVersion, b: NugetVersion): number {
  for (let i = 0; i < 4; i++) {
    const d = a.parts[i]! - b.parts[i]!;
    if (d !== 0) return d;
  }
  if (a.labels.length === 0 || b.labels.length === 0) return b.labels.length - a.labels.length;
  const n = Math.min(a.labels.length, b.labels.length);
  for (let i = 0; i < n; i++) {
    const x = a.labels[i]!;
    const y = b.labels[i]!;
    const xs = typeof x === 'string';
    if (xs !== (typeof y === 'string')) return xs ? 1 : -1;
    if (x !== y) return xs ? compareStrings(x as string, y as string) : (x as number) - (y as number);
  }
  return a.labels.length - b.labels.length;
}

export const nuget: VersionScheme<NugetVersion> = { name: 'nuget', parse, compare };
