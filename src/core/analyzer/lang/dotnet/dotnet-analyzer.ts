import type { AnalysisResult, Analyzer, AnalyzerInput, FileInfo } from '../../types.js';
import { maxDepsJsonSize, parseDepsJson } from './parse-deps-json.js';
import { parsePackagesLock } from './parse-packages-lock.js';

function isPackagesLock(path: string): boolean {
  return path === 'packages.lock.json' || path.endsWith('/packages.lock.json');
}

export const dotnetAnalyzer = {
  name: 'lang/dotnet',
  // 2: packages.lock.json packages fold into the published app's deps.json packages.
  version: 2,
  maxFileSize: maxDepsJsonSize,
  wants(info: FileInfo): boolean {
    return info.path.endsWith('.deps.json') || isPackagesLock(info.path);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    const text = input.content.toString('utf8');
    if (isPackagesLock(input.path)) {
      // What a project declares; the published app (deps.json) usually lives elsewhere in the image.
      const result = parsePackagesLock(text, input.path);
      for (const pkg of result.packages ?? []) pkg.declaredFor = '';
      return result;
    }
    return parseDepsJson(text, input.path);
  },
} satisfies Analyzer;
