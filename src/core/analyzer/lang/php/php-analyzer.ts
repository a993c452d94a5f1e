import type { AnalysisResult, Analyzer, AnalyzerInput } from '../../types.js';
import { parseComposerLock, parseInstalledJson } from './parse-composer.js';
import type { ParseResult } from './parse-result.js';
import { type PhpFileKind, phpFileKind } from './php-paths.js';

const parsers: Record<PhpFileKind, (text: string, path: string) => ParseResult> = {
  'installed-json': parseInstalledJson,
  'composer-lock': parseComposerLock,
};

/** PHP Composer packages: what vendor/composer/installed.json says is installed, and composer.lock. */
export const phpAnalyzer = {
  name: 'lang/php',
  version: 1,
  maxFileSize: 64 * 1024 * 1024,
  wants: (info) => phpFileKind(info.path) !== undefined,
  analyze(input: AnalyzerInput): AnalysisResult {
    const kind = phpFileKind(input.path);
    if (kind === undefined) return {};
    try {
      return parsers[kind](input.content.toString('utf8'), input.path);
    } catch (err) {
      // Parsers do not throw by design; this is the last line of defence for a scan.
      return { unknowns: [{ path: input.path, reason: `parser failed: ${String(err).slice(0, 160)}` }] };
    }
  },
} satisfies Analyzer;
