import { dirname, joinPath } from '../layer/entry-path.js';
import { resolveInImage } from '../layer/resolve-path.js';

/**
 * Files the OS package databases claim. Databases record paths as the package
 * shipped them (`/lib/x86_64-linux-gnu/libz.so.1`), while on a merged-/usr image
 * the tar holds `usr/lib/...`; both sides are compared after resolving their
 * directories through the image's symlinks.
 */
export function ownedPathIndex(paths: string[], symlinks: ReadonlyMap<string, string>) {
  const dirCache = new Map<string, string>();
  const canonical = (path: string): string => {
    const clean = path.startsWith('/') ? path.slice(1) : path;
    const dir = dirname(clean);
    let resolved = dirCache.get(dir);
    if (resolved === undefined) {
      try {
        resolved = resolveInImage(dir, symlinks);
      } catch {
        // A loop in some unrelated directory must not hide ownership: keep the path as written.
        resolved = dir;
      }
      dirCache.set(dir, resolved);
    }
    return joinPath(resolved, clean.slice(dir.length === 0 ? 0 : dir.length + 1));
  };
  let owned: Set<string> | undefined;
  return {
    owns(path: string): boolean {
      if (paths.length === 0) return false;
      owned ??= new Set(paths.map(canonical));
      return owned.has(canonical(path));
    },
  };
}
