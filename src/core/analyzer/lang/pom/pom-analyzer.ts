import type { AnalysisResult, Analyzer, AnalyzerInput, FileInfo } from '../../types.js';
import { readPom } from './read-pom.js';

/**
 * A project's `pom.xml` (not the POMs of a local repository, `.m2/repository/…/*.pom`, nor
 * copies under `target/`). The analyzer only reads the file's facts; the applier resolves
 * them against the parents in the same image (`applier/resolve-poms.ts`), since versions
 * usually come from a parent's properties or dependencyManagement.
 */
export function isProjectPom(path: string): boolean {
  if (path !== 'pom.xml' && !path.endsWith('/pom.xml')) return false;
  return !path.includes('/.m2/') && !path.startsWith('.m2/') && !path.includes('/target/');
}

export const pomAnalyzer = {
  name: 'lang/pom',
  version: 1,
  maxFileSize: 8 * 1024 * 1024,
  wants: (info: FileInfo) => isProjectPom(info.path),
  analyze({ path, content }: AnalyzerInput): AnalysisResult {
    const read = readPom(content.toString('utf8'));
    if ('reason' in read) return { unknowns: [{ path, reason: read.reason }] };
    return { mavenPom: read.facts };
  },
} satisfies Analyzer;
