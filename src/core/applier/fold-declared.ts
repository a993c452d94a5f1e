import type { Location, Package } from '../sbom/model.js';
import { normalizePypiName } from '../sbom/purl.js';

/** A package as the applier builds it, before declared packages are folded. */
export type AppliedPackage = Package & { declaredFor?: string };

/** The spelling under which two records name the same package in their ecosystem. */
function identity(pkg: Package): string {
  const name =
    pkg.type === 'pypi'
      ? normalizePypiName(pkg.name)
      : pkg.type === 'composer' || pkg.type === 'nuget'
        ? pkg.name.toLowerCase()
        : pkg.name;
  return `${pkg.type}\u0000${pkg.namespace ?? ''}\u0000${name}\u0000${pkg.version}`;
}

function under(path: string, dir: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

function addLocation(pkg: Package, location: Location): void {
  if (pkg.location.path === location.path) return;
  const others = pkg.otherLocations ?? [];
  if (!others.some((l) => l.path === location.path)) others.push(location);
  pkg.otherLocations = others;
}

function absorb(into: Package, declared: Package): void {
  addLocation(into, declared.location);
  for (const l of declared.otherLocations ?? []) addLocation(into, l);
  // The installed tree does not know what is dev-only, nor that a package came from git or a
  // path rather than the registry (its package.json looks the same): the lockfile does.
  if (into.dev === undefined && declared.dev !== undefined) into.dev = declared.dev;
  if (!into.origin && declared.origin) into.origin = declared.origin;
}

/**
 * An installed tree and the lockfile beside it (node_modules/ and package-lock.json,
 * vendor/ and composer.lock, site-packages and poetry.lock…) name the same packages.
 * Each installed copy is one package; a lockfile entry that matches installed copies
 * under the directory it describes becomes one more location of each, and is not a
 * package of its own. Lockfile entries with no installed copy stay, once per project
 * even when two lockfiles (package-lock.json and npm-shrinkwrap.json) list them.
 */
export function foldDeclared(packages: AppliedPackage[]): Package[] {
  const installed = new Map<string, Package[]>();
  for (const pkg of packages) {
    if (pkg.declaredFor !== undefined) continue;
    const key = identity(pkg);
    const list = installed.get(key);
    if (list) list.push(pkg);
    else installed.set(key, [pkg]);
  }
  const out: Package[] = [];
  const declaredOnly = new Map<string, Package>();
  for (const pkg of packages) {
    const { declaredFor, ...plain } = pkg;
    if (declaredFor === undefined) {
      out.push(pkg);
      continue;
    }
    const key = identity(pkg);
    const copies = (installed.get(key) ?? []).filter((p) => under(p.location.path, declaredFor));
    for (const copy of copies) absorb(copy, plain);
    if (copies.length > 0) continue;
    const sameProject = `${key}\u0000${declaredFor}`;
    const first = declaredOnly.get(sameProject);
    if (first) absorb(first, plain);
    else {
      declaredOnly.set(sameProject, plain);
      out.push(plain);
    }
  }
  return out;
}
