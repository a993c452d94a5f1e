import {
  isRecord,
  maxEntriesPerFile,
  type ParseResult,
  parseJsonValue,
  tooManyEntries,
} from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * `build.sbt.lock`, written by the sbt-dependency-lock plugin (`dependencyLockWrite`):
 * `{ lockVersion: 1, configurations: [...], dependencies: [{ org, name, version,
 * artifacts, configurations }] }`. Every dependency is a Maven artifact (`org` the group;
 * Scala ones keep their `_2.13` suffix in the name, as Maven Central and OSV spell them).
 * A dependency locked only in the `test` configuration is dev.
 */
export function parseSbtLock(text: string, path: string): ParseResult {
  const parsed = parseJsonValue(text, path);
  if ('unknown' in parsed) return { packages: [], unknowns: [parsed.unknown] };
  const doc = parsed.value;
  if (!isRecord(doc) || !Array.isArray(doc.dependencies)) {
    return { packages: [], unknowns: [{ path, reason: 'not an sbt dependency lock: no dependencies list' }] };
  }
  if (doc.lockVersion !== 1 && doc.lockVersion !== 2) {
    return {
      packages: [],
      unknowns: [{ path, reason: `unsupported lockVersion ${String(doc.lockVersion)}` }],
    };
  }
  const packages: FoundPackage[] = [];
  const unknowns: ParseResult['unknowns'] = [];
  let bad = 0;
  for (const dep of doc.dependencies) {
    if (packages.length >= maxEntriesPerFile) {
      unknowns.push(tooManyEntries(path, doc.dependencies.length));
      break;
    }
    if (!isRecord(dep)) {
      bad++;
      continue;
    }
    const { org, name, version, configurations } = dep;
    if (
      typeof org !== 'string' ||
      !org ||
      typeof name !== 'string' ||
      !name ||
      typeof version !== 'string' ||
      !version
    ) {
      bad++;
      continue;
    }
    const confs = Array.isArray(configurations) ? configurations.filter((c) => typeof c === 'string') : [];
    const dev = confs.length > 0 && confs.every((c) => c === 'test');
    packages.push({ type: 'maven', namespace: org, name, version, ...(dev ? { dev: true } : {}) });
  }
  if (bad > 0) unknowns.push({ path, reason: `${bad} dependencies without org, name and version` });
  return { packages, unknowns };
}
