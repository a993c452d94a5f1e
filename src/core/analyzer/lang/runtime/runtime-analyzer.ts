import { elfMagic } from '../../binary/elf.js';
import { isCandidateExecutable, maxExecutableSize, minExecutableSize } from '../../binary/executable.js';
import type { AnalysisResult, Analyzer, AnalyzerInput, FileInfo } from '../../types.js';
import { isRuntimeLibrary, readRuntimeVersion, runtimeFileOf } from './read-runtime-version.js';

/**
 * `node`, `python3.N` / `libpython3.N.so…`, `php` and `ruby` / `libruby.so…` built outside a
 * package manager, reported as `pkg:generic/<runtime>@<version>` (the runtime matcher looks
 * them up in OSV's `Bitnami` ecosystem, which names them so). A copy a distribution
 * installed is in its package database's owned files, and the applier drops it there, so
 * the dpkg `python3` is never reported twice. A dynamically linked launcher holds no
 * version and yields nothing: its shared library beside it does.
 */
export function analyzeRuntime(input: Pick<AnalyzerInput, 'path' | 'content'>): AnalysisResult {
  const file = runtimeFileOf(input.path);
  if (!file) return {};
  const version = readRuntimeVersion(file, input.content);
  if (!version) return {};
  return { packages: [{ type: 'generic', name: file.runtime, version, path: input.path }] };
}

// The first letters of every name runtimeFileOf accepts: most entries are rejected on one char.
const firstLetters = new Set(['n', 'p', 'r', 'l']);

export const runtimeAnalyzer = {
  name: 'lang/runtime',
  version: 1,
  maxFileSize: maxExecutableSize,
  magic: () => elfMagic,
  wants(info: FileInfo): boolean {
    const slash = info.path.lastIndexOf('/');
    if (!firstLetters.has(info.path.charAt(slash + 1))) return false;
    if (runtimeFileOf(info.path) === undefined) return false;
    // Shared libraries are often installed without an exec bit.
    if (isRuntimeLibrary(info.path)) return info.size >= minExecutableSize && info.size <= maxExecutableSize;
    return isCandidateExecutable(info);
  },
  analyze: (input: AnalyzerInput) => analyzeRuntime(input),
} satisfies Analyzer;
