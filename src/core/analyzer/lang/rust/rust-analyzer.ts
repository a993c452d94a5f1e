import { elfMagic } from '../../binary/elf.js';
import { isCandidateExecutable, maxExecutableSize } from '../../binary/executable.js';
import type { AnalysisResult, Analyzer, AnalyzerInput, FileInfo } from '../../types.js';
import { parseCargoLock } from './parse-cargo-lock.js';
import { readCargoAuditable } from './read-cargo-auditable.js';

function isCargoLock(path: string): boolean {
  return path === 'Cargo.lock' || path.endsWith('/Cargo.lock');
}

export const rustAnalyzer = {
  name: 'lang/rust',
  version: 3,
  maxFileSize: maxExecutableSize,
  // Only ELF executables can carry build info; other executables (scripts) are skipped unread.
  magic: (info: FileInfo) => (isCargoLock(info.path) ? undefined : elfMagic),
  wants(info: FileInfo): boolean {
    return isCargoLock(info.path) || isCandidateExecutable(info);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    if (isCargoLock(input.path)) return parseCargoLock(input.content.toString('utf8'), input.path);
    return readCargoAuditable(input.content, input.path);
  },
} satisfies Analyzer;
