import type { AnalysisResult, FoundPackage } from '../../types.js';

/** What every parser here returns: the packages it could read and the files it could not. */
export interface ParseResult {
  packages: FoundPackage[];
  unknowns: NonNullable<AnalysisResult['unknowns']>;
}

/**
 * Most packages one file may yield. Real lockfiles hold tens of thousands at most; past this
 * the file is hostile or broken, so we keep the first entries and say so (documented in
 * docs/supported-ecosystems.md) rather than let one file exhaust memory.
 */
export const maxEntriesPerFile = 200_000;

export function tooManyEntries(path: string, seen: number | string): ParseResult['unknowns'][number] {
  return { path, reason: `too large: ${seen} entries, only the first ${maxEntriesPerFile} read` };
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
