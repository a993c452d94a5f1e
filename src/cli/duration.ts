import { BulwarkError } from '../core/errors.js';

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * `--timeout` values: plain seconds (`90`) as Bulwark always took them, or Trivy's
 * Go-style durations (`90s`, `5m`, `1h30m`, `500ms`). Returns milliseconds.
 */
export function parseDuration(text: string, flag = '--timeout'): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const ms = Number(trimmed) * 1000;
    if (ms > 0) return ms;
  } else if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(trimmed)) {
    let ms = 0;
    for (const [, n, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
      ms += Number(n) * (unitMs[unit as string] as number);
    if (ms > 0) return ms;
  }
  throw new BulwarkError('USAGE', `${flag} "${text}": expected seconds or a duration such as 90s, 5m, 1h`);
}
