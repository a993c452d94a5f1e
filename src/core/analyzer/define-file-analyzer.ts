import type { ParseResult } from './parse-result.js';
import type { Analyzer } from './types.js';

/**
 * Most language analyzers read a handful of text formats told apart by file name:
 * this builds the analyzer from a `kindOf(path)` classifier and one pure parser per
 * kind. A parser that throws anyway is caught by the layer walker and reported as
 * an unknown, so the scan goes on.
 */
export function defineFileAnalyzer<Kind extends string>(spec: {
  name: string;
  version: number;
  maxFileSize: number;
  kindOf(path: string): Kind | undefined;
  parsers: Record<Kind, (text: string, path: string) => ParseResult>;
}): Analyzer {
  return {
    name: spec.name,
    version: spec.version,
    maxFileSize: spec.maxFileSize,
    wants: (info) => spec.kindOf(info.path) !== undefined,
    analyze({ path, content }) {
      const kind = spec.kindOf(path);
      return kind === undefined ? {} : spec.parsers[kind](content.toString('utf8'), path);
    },
  };
}
