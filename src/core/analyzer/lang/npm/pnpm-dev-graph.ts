/**
 * pnpm 9 lockfiles drop the per-package `dev` flag. What they keep: each importer's direct
 * dependencies and devDependencies (as snapshot keys `name@version(peers)`) and each snapshot's
 * runtime dependencies. A package is dev-only when no snapshot of it is reachable from a
 * production root but one is reachable from a dev root.
 */
export interface PnpmGraph {
  prodRoots: string[];
  devRoots: string[];
  /** Snapshot key → snapshot keys of its dependencies and optionalDependencies. */
  edges: Map<string, string[]>;
}

/** Returns the ids (`name@version`, peers stripped) of packages reachable only from dev roots. */
export function markDevOnly(graph: PnpmGraph): Set<string> {
  const prod = reach(graph.prodRoots, graph.edges);
  const dev = reach(graph.devRoots, graph.edges);
  const prodIds = new Set<string>();
  for (const key of prod) prodIds.add(withoutPeers(key));
  const devOnly = new Set<string>();
  for (const key of dev) {
    const id = withoutPeers(key);
    if (!prodIds.has(id)) devOnly.add(id);
  }
  return devOnly;
}

function reach(roots: string[], edges: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const key = queue.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const next of edges.get(key) ?? []) if (!seen.has(next)) queue.push(next);
  }
  return seen;
}

function withoutPeers(key: string): string {
  const paren = key.indexOf('(');
  return paren < 0 ? key : key.slice(0, paren);
}
