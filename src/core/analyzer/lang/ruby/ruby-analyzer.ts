import { anywhere, defineFileAnalyzer } from '../../define-file-analyzer.js';
import type { ParseResult } from '../../parse-result.js';
import { parseGemfileLock } from './parse-gemfile-lock.js';
import { parseGemspec } from './parse-gemspec.js';
import { type RubyFileKind, rubyFileKind } from './ruby-paths.js';

const parsers: Record<RubyFileKind, (text: string, path: string) => ParseResult> = {
  gemspec: parseGemspec,
  'gemfile-lock': parseGemfileLock,
};

/** Ruby gems: installed specifications and Bundler's Gemfile.lock. */
export const rubyAnalyzer = defineFileAnalyzer({
  name: 'lang/ruby',
  // 2: Gemfile.lock gems fold into installed gems (the gem home is outside the project).
  version: 2,
  // Gemfile.lock files stay well under a few MB; gemspecs are tiny.
  maxFileSize: 32 * 1024 * 1024,
  kindOf: rubyFileKind,
  parsers,
  declaredFor: { 'gemfile-lock': anywhere },
});
