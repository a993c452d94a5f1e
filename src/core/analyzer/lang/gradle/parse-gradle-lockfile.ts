import { maxEntriesPerFile, type ParseResult, tooManyEntries } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * Parses Gradle's dependency-locking file, `gradle.lockfile` (one per project since
 * Gradle 6; `gradle/dependency-locks/*.lockfile` per configuration before): one line
 * per module, `group:artifact:version=conf1,conf2`, `#` comments and `empty=…` for
 * configurations with nothing locked. A module locked only in test configurations
 * (`testCompileClasspath`, `testRuntimeClasspath`…) is dev.
 */
export function parseGradleLockfile(text: string, path: string): ParseResult {
  const packages: FoundPackage[] = [];
  const unknowns: ParseResult['unknowns'] = [];
  let bad = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('empty=')) continue;
    if (packages.length >= maxEntriesPerFile) {
      unknowns.push(tooManyEntries(path, `more than ${maxEntriesPerFile}`));
      break;
    }
    const eq = line.indexOf('=');
    const coordinates = (eq === -1 ? line : line.slice(0, eq)).split(':');
    const [group, artifact, version] = coordinates;
    if (coordinates.length !== 3 || !group || !artifact || !version) {
      bad++;
      continue;
    }
    const configurations =
      eq === -1
        ? []
        : line
            .slice(eq + 1)
            .split(',')
            .filter(Boolean);
    const dev =
      configurations.length > 0 && configurations.every((c) => /^test[A-Z]/.test(c) || c === 'test');
    packages.push({
      type: 'maven',
      namespace: group,
      name: artifact,
      version,
      ...(dev ? { dev: true } : {}),
    });
  }
  if (bad > 0) unknowns.push({ path, reason: `${bad} lines are not group:artifact:version=configurations` });
  return { packages, unknowns };
}
