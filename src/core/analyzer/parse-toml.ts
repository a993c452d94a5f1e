import { parse } from 'smol-toml';
import { isRecord, maxEntriesPerFile, type ParseResult } from './parse-result.js';

/**
 * Parses a TOML document without throwing: its top-level table, or an unknown saying why
 * not. The TOML parser builds the whole document first, so when `entryHeader` is given
 * (`[[package]]`) a file with more such tables than `maxEntriesPerFile` is refused up front
 * (counting headers is a cheap linear scan) instead of half-read.
 */
export function parseTomlTable(
  text: string,
  path: string,
  entryHeader?: string,
): { value: Record<string, unknown> } | { unknown: ParseResult['unknowns'][number] } {
  if (entryHeader !== undefined) {
    const tables = countOccurrences(text, entryHeader);
    if (tables > maxEntriesPerFile) {
      return { unknown: { path, reason: `too large: ${tables} entries, limit ${maxEntriesPerFile}` } };
    }
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return { unknown: { path, reason: `malformed TOML: ${message.slice(0, 120)}` } };
  }
  return isRecord(doc) ? { value: doc } : { unknown: { path, reason: 'not a TOML table' } };
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}
