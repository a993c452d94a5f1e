import { BulwarkError } from '../errors.js';
import { type Severity, severityNames } from '../matcher/types.js';

const byName: Record<string, Severity> = {
  minimal: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
  urgent: 5,
  serious: 4,
};

/** `high`, `HIGH`, `4` → 4. Throws USAGE for anything else. */
export function parseSeverity(text: string): Severity {
  const word = text.trim().toLowerCase();
  if (/^[1-5]$/.test(word)) return Number(word) as Severity;
  const severity = byName[word];
  if (severity === undefined) {
    const names = Object.values(severityNames).join(', ');
    throw new BulwarkError('USAGE', `unknown severity "${text}": use 1–5 or one of ${names}`);
  }
  return severity;
}

/**
 * `--severity` values: a list (`critical,high` — exactly those), or a minimum
 * (`>=medium`, `medium+`). Several flags add up.
 */
export function parseSeverityFilter(values: readonly string[]): Set<Severity> {
  const out = new Set<Severity>();
  for (const value of values) {
    for (const part of value
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const minimum = /^>=\s*(.+)$/.exec(part)?.[1] ?? /^(.+)\+$/.exec(part)?.[1];
      if (minimum !== undefined) {
        for (let s = parseSeverity(minimum); s <= 5; s++) out.add(s as Severity);
      } else {
        out.add(parseSeverity(part));
      }
    }
  }
  return out;
}
