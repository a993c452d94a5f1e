import { isRecord, type ParseResult } from '../../parse-result.js';
import { parseTomlTable } from '../../parse-toml.js';

/** Parses a TOML lockfile without throwing and returns its `[[package]]` tables. */
export function readPackageTables(
  text: string,
  path: string,
): { tables: Record<string, unknown>[] } | { unknown: ParseResult['unknowns'][number] } {
  const doc = parseTomlTable(text, path, '[[package]]');
  if ('unknown' in doc) return doc;
  const list = doc.value.package;
  if (list === undefined) return { tables: [] };
  if (!Array.isArray(list)) return { unknown: { path, reason: '`package` is not an array of tables' } };
  return { tables: list.filter(isRecord) };
}
