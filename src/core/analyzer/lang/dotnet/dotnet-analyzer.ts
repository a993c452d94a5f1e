import type { AnalysisResult, Analyzer, AnalyzerInput, FileInfo } from '../../types.js';
import { maxDepsJsonSize, parseDepsJson } from './parse-deps-json.js';
import { parsePackagesLock } from './parse-packages-lock.js';

function isPackagesLock(path: string): boolean {
  return path === 'packages.lock.json' || path.endsWith('/packages.lock.json');
}

export const dotnetAnalyzer = {
  name: 'lang/dotnet',
  version: 1,
  maxFileSize: maxDepsJsonSize,
  wants(info: FileInfo): boolean {
    return info.path.endsWith('.deps.json') || isPackagesLock(info.path);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    try {
      const text = input.content.toString('utf8');
      if (isPackagesLock(input.path)) return parsePackagesLock(input.path, text);
      return parseDepsJson(input.path, text);
    } catch (err) {
      // Parsers are written not to throw; this is the last guard so one file never stops a scan.
      return {
        unknowns: [{ path: input.path, reason: `dotnet analyzer failed: ${(err as Error).message}` }],
      };
    }
  },
} satisfies Analyzer;
