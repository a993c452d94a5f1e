import type { AnalysisResult, Analyzer, AnalyzerInput } from '../../types.js';
import { parseGemfileLock } from './parse-gemfile-lock.js';
import { parseGemspec } from './parse-gemspec.js';
import type { ParseResult } from './parse-result.js';
import { type RubyFileKind, rubyFileKind } from './ruby-paths.js';

const parsers: Record<RubyFileKind, (text: string, path: string) => ParseResult> = {
  gemspec: parseGemspec,
  'gemfile-lock': parseGemfileLock,
};

/** Ruby gems: installed specifications and Bundler's Gemfile.lock. */
export const rubyAnalyzer = {
  name: 'lang/ruby',
  version: 1,
  // Gemfile.lock files stay well under a few MB; gemspecs are tiny.
  maxFileSize: 32 * 1024 * 1024,
  wants: (info) => rubyFileKind(info.path) !== undefined,
  analyze(input: AnalyzerInput): AnalysisResult {
    const kind = rubyFileKind(input.path);
    if (kind === undefined) return {};
    try {
      return parsers[kind](input.content.toString('utf8'), input.path);
    } catch (err) {
      // Parsers do not throw by design; this is the last line of defence for a scan.
      return { unknowns: [{ path: input.path, reason: `parser failed: ${String(err).slice(0, 160)}` }] };
    }
  },
} satisfies Analyzer;
