import { peMagic } from '../../binary/pe.js';
import type { AnalysisResult, Analyzer, AnalyzerInput, FileInfo } from '../../types.js';
import { maxDepsJsonSize, parseDepsJson } from './parse-deps-json.js';
import { parsePackagesLock } from './parse-packages-lock.js';
import { isAssemblyName, readAssembly } from './read-assembly.js';

function isPackagesLock(path: string): boolean {
  return path === 'packages.lock.json' || path.endsWith('/packages.lock.json');
}

export const dotnetAnalyzer = {
  name: 'lang/dotnet',
  // 2: packages.lock.json packages fold into the published app's deps.json packages.
  // 3: .NET assemblies' version resources (PE files).
  version: 3,
  maxFileSize: maxDepsJsonSize,
  // Only PE files are assemblies; other .dll/.exe names are skipped unread.
  magic: (info: FileInfo) => (isAssemblyName(info.path) ? peMagic : undefined),
  wants(info: FileInfo): boolean {
    if (isAssemblyName(info.path)) return info.size >= 1024;
    return info.path.endsWith('.deps.json') || isPackagesLock(info.path);
  },
  analyze(input: AnalyzerInput): AnalysisResult {
    if (isAssemblyName(input.path)) return readAssembly(input.path, input.content);
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
