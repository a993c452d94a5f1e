/**
 * The one set of guards for parsed JSON (and YAML/TOML) values: every reader of
 * untrusted documents narrows `unknown` with these instead of keeping its own copy.
 */

/** A JSON object: not null, not an array. */
export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
