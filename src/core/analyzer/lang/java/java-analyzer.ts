import type { AnalysisResult, Analyzer, AnalyzerInput, FileInfo } from '../../types.js';
import { isJavaArchiveName, parseJavaArchive } from './parse-java-archive.js';
import { parseJdkRelease } from './parse-java-metadata.js';

/**
 * The `release` file at the root of a JDK or JRE image: Debian/Ubuntu put JDKs in
 * `usr/lib/jvm/<name>/`, the official and Temurin images in `opt/java/openjdk/`.
 */
export function isJdkRelease(path: string): boolean {
  if (path === 'opt/java/openjdk/release') return true;
  if (!path.startsWith('usr/lib/jvm/') || !path.endsWith('/release')) return false;
  const middle = path.slice('usr/lib/jvm/'.length, -'/release'.length);
  return middle.length > 0 && !middle.includes('/');
}

/**
 * A JDK is reported as `pkg:generic/openjdk@<JAVA_VERSION>`: it is no Maven artifact,
 * and OSV has no JDK ecosystem, so a generic package keeps it visible in the SBOM
 * (as Syft does) without pretending it can be matched like a library.
 */
export function parseJdkReleaseFile(text: string, path: string): AnalysisResult {
  const fields = parseJdkRelease(text);
  const version = fields.get('JAVA_VERSION');
  if (!version) return { unknowns: [{ path, reason: 'JDK release file without JAVA_VERSION' }] };
  return { packages: [{ type: 'generic', name: 'openjdk', version, path }] };
}

export const javaAnalyzer = {
  name: 'lang/java',
  // 2: every complete pom.properties is read, not only those under META-INF/maven/.
  version: 2,
  maxFileSize: 512 * 1024 * 1024,
  wants(info: FileInfo): boolean {
    return isJavaArchiveName(info.path) || isJdkRelease(info.path);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    if (isJdkRelease(input.path)) return parseJdkReleaseFile(input.content.toString('utf8'), input.path);
    return parseJavaArchive(input.path, input.content);
  },
} satisfies Analyzer;
