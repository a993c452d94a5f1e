import { parse } from 'smol-toml';
import type { ParseResult } from './parse-result.js';
import { isRecord } from './parse-result.js';

/** Parses a TOML lockfile without throwing and returns its `[[package]]` tables. */
export function readPackageTables(
  text: string,
  path: string,
): { tables: Record<string, unknown>[] } | { unknown: ParseResult['unknowns'][number] } {
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
