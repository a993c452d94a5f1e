import {
  isRecord,
  maxEntriesPerFile,
  type ParseResult,
  parseJsonValue,
  tooManyEntries,
} from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * `conan.lock`: Conan 2 (`version` 0.5: `requires`, `build_requires`, `python_requires`
 * lists of `name/version[@user/channel][#revision[%timestamp]]`) and Conan 1 (`version` 0.4:
 * `graph_lock.nodes`, each with a `ref` of the same shape and a `context`). Build
 * requirements (tools such as cmake, `context: build`) are dev; the root node (the
 * consumer, no `ref`) is the project itself and skipped.
 */
export function parseConanLock(text: string, path: string): ParseResult {
  const parsed = parseJsonValue(text, path);
  if ('unknown' in parsed) return { packages: [], unknowns: [parsed.unknown] };
  const doc = parsed.value;
  if (!isRecord(doc))
    return { packages: [], unknowns: [{ path, reason: 'not a conan.lock: not an object' }] };
  const refs: { ref: unknown; dev: boolean }[] = [];
  if (Array.isArray(doc.requires) || Array.isArray(doc.build_requires)) {
    for (const ref of Array.isArray(doc.requires) ? doc.requires : []) refs.push({ ref, dev: false });
    for (const ref of Array.isArray(doc.build_requires) ? doc.build_requires : [])
      refs.push({ ref, dev: true });
    for (const ref of Array.isArray(doc.python_requires) ? doc.python_requires : [])
      refs.push({ ref, dev: true });
  } else if (isRecord(doc.graph_lock) && isRecord(doc.graph_lock.nodes)) {
    for (const node of Object.values(doc.graph_lock.nodes)) {
      if (!isRecord(node) || node.ref === undefined) continue;
      refs.push({ ref: node.ref, dev: node.context === 'build' });
    }
  } else {
    return {
      packages: [],
      unknowns: [{ path, reason: 'not a conan.lock: no requires or graph_lock.nodes' }],
    };
  }
  const packages: FoundPackage[] = [];
  const unknowns: ParseResult['unknowns'] = [];
  const seen = new Set<string>();
  let bad = 0;
  for (const { ref, dev } of refs) {
    if (packages.length >= maxEntriesPerFile) {
      unknowns.push(tooManyEntries(path, refs.length));
      break;
    }
    const m = typeof ref === 'string' ? /^([^/@#\s]+)\/([^@#\s]+)(?:@[^#\s]*)?(?:#\S*)?$/.exec(ref) : null;
    if (!m?.[1] || !m[2]) {
      bad++;
      continue;
    }
    const key = `${m[1]}@${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    packages.push({ type: 'conan', name: m[1], version: m[2], ...(dev ? { dev: true } : {}) });
  }
  if (bad > 0) unknowns.push({ path, reason: `${bad} references are not name/version` });
  return { packages, unknowns };
}
