/**
 * What the layer cache key needs to know of each analyzer in `analyzers.ts` (name,
 * version, file-size cap), kept apart from the analyzers themselves so a warm scan
 * computes its keys without loading a single parser. `analyzer-identities.test.ts`
 * fails when this list and the analyzers' own fields disagree: bump both together.
 */
export interface AnalyzerIdentity {
  name: string;
  version: number;
  /** Absent means the default cap (`defaultMaxFileSize`). */
  maxFileSize?: number;
}

const mib = 1024 * 1024;

export const analyzerIdentities: readonly AnalyzerIdentity[] = [
  { name: 'os/release', version: 1, maxFileSize: 64 * 1024 },
  { name: 'pkg/dpkg', version: 2, maxFileSize: 256 * mib },
  { name: 'pkg/rpm', version: 2, maxFileSize: 512 * mib },
  { name: 'pkg/apk', version: 3 },
  { name: 'lang/golang', version: 4, maxFileSize: 512 * mib },
  { name: 'lang/java', version: 3, maxFileSize: 512 * mib },
  { name: 'lang/pom', version: 1, maxFileSize: 8 * mib },
  { name: 'lang/gradle', version: 1, maxFileSize: 32 * mib },
  { name: 'lang/sbt', version: 1, maxFileSize: 32 * mib },
  { name: 'lang/rust', version: 3, maxFileSize: 512 * mib },
  { name: 'lang/dotnet', version: 3, maxFileSize: 64 * mib },
  { name: 'lang/msbuild', version: 1, maxFileSize: 16 * mib },
  { name: 'lang/npm', version: 2, maxFileSize: 64 * mib },
  { name: 'lang/bun', version: 1, maxFileSize: 64 * mib },
  { name: 'lang/python', version: 2, maxFileSize: 64 * mib },
  { name: 'lang/pylock', version: 1, maxFileSize: 64 * mib },
  { name: 'lang/conda', version: 1, maxFileSize: 16 * mib },
  { name: 'lang/ruby', version: 2, maxFileSize: 32 * mib },
  { name: 'lang/php', version: 3, maxFileSize: 64 * mib },
  { name: 'lang/hex', version: 1, maxFileSize: 32 * mib },
  { name: 'lang/pub', version: 1, maxFileSize: 16 * mib },
  { name: 'lang/swift', version: 1, maxFileSize: 16 * mib },
  { name: 'lang/cocoapods', version: 1, maxFileSize: 16 * mib },
  { name: 'lang/conan', version: 1, maxFileSize: 16 * mib },
  { name: 'lang/julia', version: 1, maxFileSize: 16 * mib },
  { name: 'lang/r', version: 2, maxFileSize: 16 * mib },
  { name: 'lang/runtime', version: 1, maxFileSize: 512 * mib },
];

/** The analyzers themselves, loaded only when a layer has to be walked. */
export async function loadAnalyzers() {
  return (await import('./analyzers.js')).analyzers;
}
