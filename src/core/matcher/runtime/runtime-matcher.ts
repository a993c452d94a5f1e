import type { Package } from '../../sbom/model.js';
import type { Matcher } from '../matcher-types.js';

/**
 * Runtimes found outside a package manager (`lang/runtime`: node, python, php, ruby; the
 * JDK `release` file of `lang/java`: openjdk) are generic packages; OSV files their
 * advisories under the `Bitnami` ecosystem, by these names, with SemVer ranges.
 */
const bitnamiNames: Readonly<Record<string, string>> = {
  node: 'node',
  python: 'python',
  php: 'php',
  ruby: 'ruby',
  openjdk: 'java',
};

/**
 * The version as Bitnami writes it: three SemVer numbers. JDK 8 says `1.8.0_392` where the
 * advisories say `8.0.392`; a GA JDK says `21` for `21.0.0`; a Python pre-release `3.13.0rc1`
 * is SemVer's `3.13.0-rc.1`.
 */
export function bitnamiVersion(name: string, version: string): string {
  if (name === 'openjdk') {
    const legacy = /^1\.(\d+)\.(\d+)_(\d+)/.exec(version);
    if (legacy) return `${legacy[1]}.${legacy[2]}.${legacy[3]}`;
    const modern = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version);
    if (modern) return `${modern[1]}.${modern[2] ?? '0'}.${modern[3] ?? '0'}`;
    return version;
  }
  const pre = /^(\d+\.\d+\.\d+)(a|b|rc)(\d+)$/.exec(version);
  if (name === 'python' && pre) return `${pre[1]}-${pre[2]}.${pre[3]}`;
  return version;
}

export const runtimeMatcher: Matcher = {
  name: 'runtime/bitnami',
  packageTypes: ['generic'],
  // Other generic packages (files without package metadata) have no advisories to look in.
  targets(pkg: Package) {
    const name = Object.hasOwn(bitnamiNames, pkg.name) ? bitnamiNames[pkg.name] : undefined;
    if (name === undefined || pkg.origin) return [];
    return [{ ecosystems: ['Bitnami'], name, via: 'name', version: bitnamiVersion(pkg.name, pkg.version) }];
  },
};
