import { isPomFacts, type PomFacts } from '../analyzer/lang/pom/read-pom.js';
import { resolvePom } from '../analyzer/lang/pom/resolve-pom.js';
import type { FileResult } from '../layer/types.js';

/**
 * pom.xml results carry facts, not packages (`AnalysisResult.mavenPom`): each is resolved
 * here against the other POMs of the final filesystem (its parents), and becomes an
 * ordinary result with packages and unknowns. Returns new result objects; the layer
 * results (which the cache holds) are not modified.
 */
export function resolvePoms<V extends { results: FileResult[] }>(
  visible: ReadonlyMap<string, V>,
): Map<string, V> {
  const facts = new Map<string, PomFacts>();
  for (const [path, v] of visible) {
    for (const r of v.results) if (isPomFacts(r.result.mavenPom)) facts.set(path, r.result.mavenPom);
  }
  if (facts.size === 0) return visible as Map<string, V>;
  const out = new Map<string, V>();
  for (const [path, v] of visible) {
    const own = facts.get(path);
    if (!own || !v.results.some((r) => r.result.mavenPom)) {
      out.set(path, v);
      continue;
    }
    const results = v.results.map((r): FileResult => {
      if (!r.result.mavenPom) return r;
      const { mavenPom: _facts, ...rest } = r.result;
      const resolved = resolvePom(path, own, (p) => facts.get(p));
      return {
        ...r,
        result: {
          ...rest,
          packages: [...(rest.packages ?? []), ...resolved.packages],
          unknowns: [...(rest.unknowns ?? []), ...resolved.unknowns],
        },
      };
    });
    out.set(path, { ...v, results });
  }
  return out;
}
