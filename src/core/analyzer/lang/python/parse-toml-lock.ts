import { parse } from 'smol-toml';
import { isRecord, maxEntriesPerFile, type ParseResult } from '../../parse-result.js';

/** Parses a TOML lockfile without throwing and returns its `[[package]]` tables. */
export function readPackageTables(
  text: string,
  path: string,
): { tables: Record<string, unknown>[] } | { unknown: ParseResult['unknowns'][number] } {
  // The TOML parser must build the whole document first, so an oversized file is refused
  // up front (counting table headers is a cheap linear scan) instead of half-read.
  const tables = countOccurrences(text, '[[package]]');
  if (tables > maxEntriesPerFile) {
    return { unknown: { path, reason: `too large: ${tables} entries, limit ${maxEntriesPerFile}` } };
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return { unknown: { path, reason: `malformed TOML: ${message.slice(0, 120)}` } };
  }
  if (!isRecord(doc)) return { unknown: { path, reason: 'not a TOML table' } };
  const list = doc.package;
  if (list === undefined) return { tables: [] };
  if (!Array.isArray(list)) return { unknown: { path, reason: '`package` is not an array of tables' } };
  return { tables: list.filter(isRecord) };
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}
