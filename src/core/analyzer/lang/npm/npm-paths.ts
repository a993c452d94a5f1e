/** Which npm-family file a path is, decided with plain string checks (wants() runs on every file). */
export type NpmFileKind = 'installed' | 'package-lock' | 'yarn-lock' | 'pnpm-lock';

const nodeModules = 'node_modules/';
const packageJson = '/package.json';

const lockfiles: ReadonlyArray<readonly [string, NpmFileKind]> = [
  ['package-lock.json', 'package-lock'],
  ['npm-shrinkwrap.json', 'package-lock'],
  ['yarn.lock', 'yarn-lock'],
  ['pnpm-lock.yaml', 'pnpm-lock'],
];

const hiddenLock = 'node_modules/.package-lock.json';

export function npmFileKind(path: string): NpmFileKind | undefined {
  if (path.endsWith(packageJson)) return isPackageRoot(path) ? 'installed' : undefined;
  if (path.endsWith(hiddenLock)) {
    // npm 7+ keeps a copy of the lockfile for the tree it installed, with each package's
    // `resolved`: it says which installed packages came from git, a tarball or a folder.
    // Only the project's own node_modules/ has one.
    const start = path.length - hiddenLock.length;
    const top =
      start === 0 || (path.charCodeAt(start - 1) === 47 && !path.slice(0, start).includes(nodeModules));
    return top ? 'package-lock' : undefined;
  }
  for (const [name, kind] of lockfiles) {
    if (!path.endsWith(name)) continue;
    const start = path.length - name.length;
    if (start > 0 && path.charCodeAt(start - 1) !== 47 /* / */) return undefined;
    // A lockfile inside node_modules belongs to a dependency's own development, not to what is installed.
    return path.includes(nodeModules) ? undefined : kind;
  }
  return undefined;
}

/**
 * True for `…/node_modules/<name>/package.json` and `…/node_modules/@scope/<name>/package.json`,
 * false for manifests deeper inside a package (test fixtures, `esm/package.json` markers).
 */
function isPackageRoot(path: string): boolean {
  const at = path.lastIndexOf(nodeModules);
  if (at < 0 || (at > 0 && path.charCodeAt(at - 1) !== 47)) return false;
  const start = at + nodeModules.length;
  const end = path.length - packageJson.length; // index of the slash before package.json
  if (end <= start) return false;
  const first = path.charCodeAt(start);
  if (first === 46 /* . */) return false; // .bin, .cache, .pnpm: not packages
  const slash = path.indexOf('/', start);
  if (first !== 64 /* @ */) return slash === end;
  // Scoped: exactly one more segment after `@scope/`.
  return slash > start + 1 && slash < end && path.indexOf('/', slash + 1) === end;
}
