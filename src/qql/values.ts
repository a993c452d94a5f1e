/**
 * Reading QQL values as numbers, dates and booleans. Pure functions: text in, a value
 * or `undefined` out; the compiler turns `undefined` into a QQL_BAD_VALUE with a column.
 *
 * Dates are intervals `[start, end)` in epoch milliseconds, as precise as they were
 * written: `2024-01-31` is that whole UTC day, `2024-01-31T10:00` that minute, `now-24h`
 * one millisecond. So `created:2024-01-31` means "during that day" and
 * `created:[2024-01-01 ... 2024-01-31]` includes all of January 31.
 */

export interface DateInterval {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function readNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

export function readBoolean(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (TRUE.has(lower)) return true;
  if (FALSE.has(lower)) return false;
  return undefined;
}

const MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DATE_MATH = /^now((?:[+-]\d{1,6}[smhdwMy])*)$/;
const DATE_MATH_STEP = /([+-])(\d{1,6})([smhdwMy])/g;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
// Epoch values below this are seconds (year 5138 in seconds, 1973 in milliseconds).
const SECONDS_LIMIT = 1e11;

/** `now`, `now-24h`, `now-1M+2d`, ISO dates and date-times, or epoch seconds/milliseconds. */
export function readDate(text: string, now: number): DateInterval | undefined {
  const math = DATE_MATH.exec(text);
  if (math) {
    const at = applyDateMath(now, math[1] as string);
    return at === undefined ? undefined : { start: at, end: at + 1 };
  }
  if (/^\d{1,16}$/.test(text)) {
    const value = Number(text);
    return value < SECONDS_LIMIT
      ? { start: value * 1000, end: value * 1000 + 1000 }
      : { start: value, end: value + 1 };
  }
  return readIso(text);
}

function applyDateMath(now: number, steps: string): number | undefined {
  const date = new Date(now);
  for (const [, sign, amount, unit] of steps.matchAll(DATE_MATH_STEP)) {
    const n = Number(amount) * (sign === '-' ? -1 : 1);
    if (unit === 'M') date.setUTCMonth(date.getUTCMonth() + n);
    else if (unit === 'y') date.setUTCFullYear(date.getUTCFullYear() + n);
    else date.setTime(date.getTime() + n * MS[unit as keyof typeof MS]);
  }
  const at = date.getTime();
  return Number.isFinite(at) ? at : undefined;
}

function readIso(text: string): DateInterval | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const fields = [y, mo, d, h ?? '0', mi ?? '0', s ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = ms === undefined ? 0 : Number(ms.padEnd(3, '0'));
  const utc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], millis);
  // Date.UTC rolls 2024-02-30 over to March; a date that does not round-trip is invalid.
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== fields[0] ||
    check.getUTCMonth() !== fields[1] - 1 ||
    check.getUTCDate() !== fields[2] ||
    check.getUTCHours() !== fields[3] ||
    check.getUTCMinutes() !== fields[4] ||
    check.getUTCSeconds() !== fields[5]
  ) {
    return undefined;
  }
  const start = utc - zoneOffset(zone);
  const width = h === undefined ? MS.d : s === undefined ? MS.m : ms === undefined ? MS.s : 1;
  return { start, end: start + width };
}

function zoneOffset(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * MS.h + Number(digits.slice(2)) * MS.m);
}

/** ASCII-only case folding: the same on SQLite (`lower`) and on PostgreSQL with `COLLATE "C"`. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function asciiUpper(text: string): string {
  return text.replace(/[a-z]/g, (c) => c.toUpperCase());
}
