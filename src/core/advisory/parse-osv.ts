import { parse as parseYaml } from 'yaml';

export type OsvDocumentFormat = 'json' | 'yaml';

/** A file holds one OSV record or an array of them; bad syntax is a reason, not a throw. */
export type ParsedOsvDocument = { ok: true; values: unknown[] } | { ok: false; reason: string };

export function formatForPath(path: string): OsvDocumentFormat {
  return /\.ya?ml$/i.test(path) ? 'yaml' : 'json';
}

export function parseOsvDocument(text: string, format: OsvDocumentFormat): ParsedOsvDocument {
  let value: unknown;
  try {
    // YAML 1.2 core schema (the default) keeps unquoted timestamps as strings, as OSV wants.
    value = format === 'yaml' ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { ok: false, reason: `invalid ${format === 'yaml' ? 'YAML' : 'JSON'}: ${message}` };
  }
  if (value === null || value === undefined) return { ok: false, reason: 'the file is empty' };
  return { ok: true, values: Array.isArray(value) ? value : [value] };
}
