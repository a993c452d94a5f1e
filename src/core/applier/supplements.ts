import type { AnalysisResult, FoundPackage } from '../analyzer/types.js';
import { basename, dirname, joinPath } from '../layer/entry-path.js';

/**
 * Packages from companion files (`FoundPackage.supplements`, go.sum's modules) count only
 * where the manifest beside them asks for them (`AnalysisResult.supplementedBy`: a go.mod
 * below `go 1.17`) and only those it does not list itself. A go.sum beside a Go 1.17+
 * go.mod, or with no go.mod at all, adds nothing: go.mod already lists the build, and
 * go.sum also holds hashes of modules the build never selected.
 */
export function supplementFilter(
  visible: ReadonlyMap<string, { results: readonly { result: AnalysisResult }[] }>,
): (path: string, found: FoundPackage) => boolean {
  const listed = new Map<string, Set<string> | undefined>();
  /** The names the manifest lists when it asks for `companion`, else undefined. */
  const manifestNames = (manifestPath: string, companion: string): Set<string> | undefined => {
    const key = `${manifestPath}\u0000${companion}`;
    if (listed.has(key)) return listed.get(key);
    let names: Set<string> | undefined;
    for (const { result } of visible.get(manifestPath)?.results ?? []) {
      if (result.supplementedBy !== companion) continue;
      names ??= new Set();
      for (const pkg of result.packages ?? []) names.add(`${pkg.type}\u0000${pkg.name}`);
    }
    listed.set(key, names);
    return names;
  };
  return (path, found) => {
    if (found.supplements === undefined) return true;
    const names = manifestNames(joinPath(dirname(path), found.supplements), basename(path));
    return names !== undefined && !names.has(`${found.type}\u0000${found.name}`);
  };
}
