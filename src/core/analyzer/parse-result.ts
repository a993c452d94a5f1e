import { isRecord } from '../json-guards.js';
import type { AnalysisResult, FoundPackage } from './types.js';

/** Re-exported for the parsers that already import it from here. */
export { isRecord };

/** What the text-file parsers of the language analyzers return: the packages it could read and the files it could not. */
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

/** Turns a JSON.parse failure into a short reason that says whether the file was cut short. */
export function describeJsonError(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/end of JSON input/i.test(message) || /Unterminated string/i.test(message)) {
    return `truncated JSON at position ${text.length}`;
  }
  const at = /position (\d+)/.exec(message);
  if (at) return `malformed JSON at position ${at[1]}`;
  // V8 quotes the offending input in the message: keep it short and printable.
  return `malformed JSON: ${message.slice(0, 80).replace(/[^\x20-\x7e]/g, '?')}`;
}

/** Parses JSON text without throwing. */
export function parseJsonValue(
  text: string,
  path: string,
): { value: unknown } | { unknown: ParseResult['unknowns'][number] } {
  try {
    return { value: JSON.parse(stripBom(text)) };
  } catch (err) {
    return { unknown: { path, reason: describeJsonError(err, text) } };
  }
}

/** Parses JSON text without throwing; objects only, since every JSON file we read is one. */
export function parseJsonObject(
  text: string,
  path: string,
): { value: Record<string, unknown> } | { unknown: ParseResult['unknowns'][number] } {
  const parsed = parseJsonValue(text, path);
  if ('unknown' in parsed) return parsed;
  return isRecord(parsed.value)
    ? { value: parsed.value }
    : { unknown: { path, reason: 'not a JSON object' } };
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function stringField(obj: Record<string, unknown>, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
