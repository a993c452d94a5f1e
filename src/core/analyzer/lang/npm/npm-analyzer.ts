import type { AnalysisResult, Analyzer, AnalyzerInput } from '../../types.js';
import { npmFileKind } from './npm-paths.js';
import { parseInstalledPackageJson } from './parse-package-json.js';
import { parsePackageLock } from './parse-package-lock.js';
import { parsePnpmLock } from './parse-pnpm-lock.js';
import type { ParseResult } from './parse-result.js';
import { parseYarnLock } from './parse-yarn-lock.js';

const parsers: Record<
  NonNullable<ReturnType<typeof npmFileKind>>,
  (text: string, path: string) => ParseResult
> = {
  installed: parseInstalledPackageJson,
  'package-lock': parsePackageLock,
  'yarn-lock': parseYarnLock,
  'pnpm-lock': parsePnpmLock,
};

/**
 * Node.js packages: installed `node_modules/<name>/package.json` manifests and the project's own
 * lockfiles (npm, yarn classic and berry, pnpm). One analyzer, dispatching on the file name.
 */
export const npmAnalyzer = {
  name: 'lang/npm',
  version: 1,
  // Lockfiles of large monorepos reach tens of MB.
  maxFileSize: 64 * 1024 * 1024,
  wants: (info) => npmFileKind(info.path) !== undefined,
  analyze(input: AnalyzerInput): AnalysisResult {
    const kind = npmFileKind(input.path);
    if (kind === undefined) return {};
    try {
      return parsers[kind](input.content.toString('utf8'), input.path);
    } catch (err) {
      // Parsers do not throw by design; this is the last line of defence for a scan.
      return { unknowns: [{ path: input.path, reason: `parser failed: ${String(err).slice(0, 160)}` }] };
    }
  },
} satisfies Analyzer;
