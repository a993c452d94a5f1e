import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parseGradleLockfile } from './parse-gradle-lockfile.js';

/** `gradle.lockfile` (Gradle 6+), `gradle/dependency-locks/<configuration>.lockfile` (Gradle 4.8–5). */
function kindOf(path: string): 'lockfile' | undefined {
  if (path === 'gradle.lockfile' || path.endsWith('/gradle.lockfile')) return 'lockfile';
  if (path.endsWith('.lockfile') && path.includes('gradle/dependency-locks/')) return 'lockfile';
  return undefined;
}

export const gradleAnalyzer = defineFileAnalyzer({
  name: 'lang/gradle',
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  kindOf,
  parsers: { lockfile: parseGradleLockfile },
});
