import { BulwarkError } from '../errors.js';
import { type Severity, severityNames } from '../matcher/types.js';

/** Trivy's level names (any case) and the reference product's words for 5 and 4. */
const byName: Record<string, Severity> = {
  unknown: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
  urgent: 5,
  serious: 4,
};

/** `high`, `HIGH`, `High`, `4` → 4; `unknown` → 1. Throws USAGE for anything else. */
export function parseSeverity(text: string): Severity {
  const word = text.trim().toLowerCase();
  if (/^[1-5]$/.test(word)) return Number(word) as Severity;
  const severity = byName[word];
  if (severity === undefined) {
    const names = Object.values(severityNames).join(', ');
    throw new BulwarkError('USAGE', `unknown severity "${text}": use one of ${names} (any case) or 1–5`);
  }
  return severity;
}

/**
 * `--severity` values: a list (`CRITICAL,HIGH` — exactly those, Trivy's spelling), or a
 * minimum (`>=medium`, `medium+`). Several flags add up. UNKNOWN is a level of its own,
 * not "below LOW": a minimum includes it only when it is `>=unknown` (everything); a
 * list includes it when it names it (`unknown,>=high`).
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
