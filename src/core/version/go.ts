import { toBigNum } from './digits.js';
import { compareSemver, preIdentifiers, type SemverValue } from './semver.js';
import type { ParsedVersion, VersionScheme } from './types.js';

/**
 * Go module versions as golang.org/x/mod/semver reads them: `v` prefix, shorthands
 * `v1` and `v1.2` (meaning v1.0.0, v1.2.0), SemVer pre-release order and build
 * metadata ignored — so `+incompatible` does not change order. Pseudo-versions
 * (`v0.0.0-20191109021931-daa7c04131f5`, `vX.Y.(Z+1)-0.yyyymmddhhmmss-hash`,
 * `vX.Y.Z-pre.0.yyyymmddhhmmss-hash`) are ordinary pre-releases and sort correctly by
 * those rules: after the base they build on, before the next release.
 *
 * OSV Go records write versions without the `v` (`1.20.5`), so a missing `v` is accepted.
 * Unlike node-semver, components may be of any length.
 */
const NUM = '0|[1-9][0-9]*';
const ID = `(?:${NUM}|[0-9]*[a-zA-Z-][a-zA-Z0-9-]*)`;
const GO = new RegExp(
  `^v?(${NUM})(?:\\.(${NUM})(?:\\.(${NUM})(?:-(${ID}(?:\\.${ID})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?)?)?$`,
);

function parse(raw: string): ParsedVersion<SemverValue> {
  const m = GO.exec(raw);
  if (!m) return { valid: false, raw, reason: 'not a Go module version' };
  const value: SemverValue = {
    major: toBigNum(m[1]!),
    minor: toBigNum(m[2] ?? '0'),
    patch: toBigNum(m[3] ?? '0'),
    pre: preIdentifiers(m[4]),
  };
  return { valid: true, raw, value };
}

export const go: VersionScheme<SemverValue> = { name: 'go', parse, compare: compareSemver };
