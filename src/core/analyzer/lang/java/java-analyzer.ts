import type { AnalysisResult, Analyzer, AnalyzerInput, FileInfo } from '../../types.js';
import { isJavaArchiveName, parseJavaArchive } from './parse-java-archive.js';
import { parseJdkRelease } from './parse-java-metadata.js';

/**
 * The `release` file at the root of a JDK or JRE image: Debian/Ubuntu put JDKs in
 * `usr/lib/jvm/<name>/`, Temurin and the official images in `opt/java/<name>/`, the older
 * official `openjdk` images in `usr/local/openjdk-<N>/`, hand installs in `opt/<jdk…>/`.
 */
export function isJdkRelease(path: string): boolean {
  if (!path.endsWith('/release')) return false;
  const parts = path.split('/');
  if (parts.length === 5 && parts[0] === 'usr' && parts[1] === 'lib' && parts[2] === 'jvm') return true;
  if (parts.length === 4 && parts[0] === 'opt' && parts[1] === 'java') return true;
  // Elsewhere only a directory named like a JDK: `release` is too common a file name.
  const jdkDir = /jdk|jre|java/i.test(parts.at(-2) ?? '');
  if (parts.length === 3 && parts[0] === 'opt') return jdkDir;
  return parts.length === 4 && parts[0] === 'usr' && parts[1] === 'local' && jdkDir;
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
  // 3: JDK release files in opt/java/*, usr/local/openjdk-*, opt/<jdk…>.
  version: 3,
  maxFileSize: 512 * 1024 * 1024,
  wants(info: FileInfo): boolean {
    return isJavaArchiveName(info.path) || isJdkRelease(info.path);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    if (isJdkRelease(input.path)) return parseJdkReleaseFile(input.content.toString('utf8'), input.path);
    return parseJavaArchive(input.path, input.content);
  },
} satisfies Analyzer;
