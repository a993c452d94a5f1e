import type { AnalysisResult, FoundPackage } from '../../types.js';
import { maxDepsJsonSize, parseJson } from './parse-deps-json.js';

/**
 * Parses NuGet's `packages.lock.json` (lock file versions 1 and 2):
 * `dependencies` → target framework → package name → `{ type, resolved, … }`.
 * `Direct`, `Transitive` and `CentralTransitive` entries are reported once per
 * name and resolved version across frameworks; `Project` entries are the solution's own
 * projects and are skipped.
 */
export function parsePackagesLock(text: string, path: string): AnalysisResult {
  if (text.length > maxDepsJsonSize) {
    return {
      unknowns: [{ path, reason: `packages.lock.json larger than ${maxDepsJsonSize} bytes (too large)` }],
    };
  }
  const doc = parseJson(text, path);
  if ('unknowns' in doc) return doc;
  const frameworks = (doc.value as { dependencies?: unknown } | null)?.dependencies;
  if (typeof frameworks !== 'object' || frameworks === null || Array.isArray(frameworks)) {
    return { unknowns: [{ path, reason: 'packages.lock.json has no dependencies object' }] };
  }
  const packages: FoundPackage[] = [];
  const seen = new Set<string>();
  let missing = 0;
  for (const deps of Object.values(frameworks as Record<string, unknown>)) {
    if (typeof deps !== 'object' || deps === null) continue;
    for (const [name, dep] of Object.entries(deps as Record<string, unknown>)) {
      const { type, resolved } = (dep ?? {}) as { type?: unknown; resolved?: unknown };
      if (type === 'Project') continue;
      if (typeof resolved !== 'string' || !resolved) {
        missing++;
        continue;
      }
      const key = `${name.toLowerCase()}/${resolved}`;
      if (seen.has(key)) continue;
      seen.add(key);
      packages.push({ type: 'nuget', name, version: resolved });
    }
  }
  const unknowns = missing ? [{ path, reason: `${missing} dependencies without a resolved version` }] : [];
  return { packages, unknowns };
}
