import { elfMagic } from '../../binary/elf.js';
import { isCandidateExecutable, maxExecutableSize } from '../../binary/executable.js';
import type { AnalysisResult, Analyzer, AnalyzerInput, FileInfo } from '../../types.js';
import { parseGoMod } from './parse-go-mod.js';
import { parseGoSum } from './parse-go-sum.js';
import { buildInfoPackages, parseModInfo } from './parse-modinfo.js';
import { readGoBuildInfo } from './read-buildinfo.js';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * go.mod of a source tree, except those in the module cache (`pkg/mod/`) and vendor
 * trees: those belong to dependencies and list their minimum, not the selected, versions.
 */
function isProjectGoMod(path: string): boolean {
  return baseName(path) === 'go.mod' && inProject(path);
}

/** go.sum beside a project go.mod: read for modules below `go 1.17` (see parse-go-sum.ts). */
function isProjectGoSum(path: string): boolean {
  return baseName(path) === 'go.sum' && inProject(path);
}

function inProject(path: string): boolean {
  return !path.includes('/pkg/mod/') && !path.startsWith('pkg/mod/') && !path.includes('vendor/');
}

export function analyzeGoBinary(input: Pick<AnalyzerInput, 'path' | 'content'>): AnalysisResult {
  const read = readGoBuildInfo(input.content);
  if (read.kind === 'not-go') return {};
  if (read.kind === 'error') return { unknowns: [{ path: input.path, reason: read.reason }] };
  const info = parseModInfo(read.goVersion, read.modinfo);
  return { packages: buildInfoPackages(info).map((p) => ({ ...p, path: input.path })) };
}

export const golangAnalyzer = {
  name: 'lang/golang',
  // 4: go.sum read for go.mod files below `go 1.17`.
  version: 4,
  maxFileSize: maxExecutableSize,
  // Only ELF executables can carry build info; other executables (scripts) are skipped unread.
  magic: (info: FileInfo) => (isProjectGoMod(info.path) || isProjectGoSum(info.path) ? undefined : elfMagic),
  wants(info: FileInfo): boolean {
    return isProjectGoMod(info.path) || isProjectGoSum(info.path) || isCandidateExecutable(info);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    if (isProjectGoMod(input.path)) return parseGoMod(input.content.toString('utf8'), input.path);
    if (isProjectGoSum(input.path)) return parseGoSum(input.content.toString('utf8'), input.path);
    return analyzeGoBinary(input);
  },
} satisfies Analyzer;
