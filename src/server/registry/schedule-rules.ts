/**
 * Schedule rules, pure: the IANA time zone check, the next time a daily schedule fires
 * ("every day at HH:MM in Europe/Paris", daylight saving included), and the tag filter,
 * which is a glob (`v1.*`, `release-?`; the default) or a regular expression, always
 * matched against the whole tag.
 */
import { BulwarkError } from '../../core/errors.js';

export function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new BulwarkError(
      'BAD_REQUEST',
      `invalid timeZone "${zone}": not an IANA time zone (e.g. Europe/Paris)`,
    );
  }
}

export function parseTimeOfDay(text: string): { hour: number; minute: number } {
  const m = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text);
  if (!m)
    throw new BulwarkError('BAD_REQUEST', `invalid timeOfDay "${text}": expected HH:MM, 00:00 to 23:59`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The zone's offset from UTC at `instant`, in ms (Paris in summer: +2 h). */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The local calendar date of `instant` in `zone`. */
function localDate(instant: number, zone: string): { y: number; m: number; d: number } {
  const shifted = new Date(instant + offsetAt(instant, zone));
  return { y: shifted.getUTCFullYear(), m: shifted.getUTCMonth(), d: shifted.getUTCDate() };
}

/** The instant local time in `zone` reads y-m-d hh:mm (a time skipped by DST lands an hour later). */
function instantOf(y: number, m: number, d: number, hour: number, minute: number, zone: string): number {
  const wall = Date.UTC(y, m, d, hour, minute);
  let guess = wall - offsetAt(wall, zone);
  guess = wall - offsetAt(guess, zone);
  return guess;
}

/** The first instant strictly after `now` at which it is `timeOfDay` in `zone`. */
export function nextDailyRun(now: number, timeOfDay: string, zone = 'UTC'): number {
  const { hour, minute } = parseTimeOfDay(timeOfDay);
  const today = localDate(now, zone);
  for (let add = 0; add <= 2; add++) {
    const at = instantOf(today.y, today.m, today.d + add, hour, minute, zone);
    if (at > now) return at;
  }
  // Unreachable: two local days always hold the time once.
  throw new BulwarkError('INTERNAL', `no next run for ${timeOfDay} ${zone}`);
}

export type TagFilterKind = 'glob' | 'regex';

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const ch of glob) {
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^(?:${re})$`);
}

/** A tag predicate; a bad regular expression is a 400 naming it. */
export function compileTagFilter(pattern: string | null | undefined, kind: TagFilterKind = 'glob') {
  if (!pattern) return () => true;
  let re: RegExp;
  if (kind === 'regex') {
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch (err) {
      throw new BulwarkError(
        'BAD_REQUEST',
        `invalid tagFilter regex "${pattern}": ${(err as Error).message}`,
      );
    }
  } else re = globToRegExp(pattern);
  return (tag: string) => re.test(tag);
}

/**
 * A repository as a schedule must name it: the full path inside the registry, as the
 * catalog lists it (reference rule) — no registry host, no tag, no leading or trailing slash.
 */
export function repositoryPathProblem(repo: string): string | undefined {
  if (/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repo)) {
    const first = repo.split('/')[0] ?? '';
    if (repo.includes('/') && (first.includes('.') || first === 'localhost'))
      return `repository "${repo}" starts with a registry host: give the repository path inside the registry (e.g. team/app)`;
    return undefined;
  }
  return `repository "${repo}" is not a full repository path as the registry catalog lists it (lowercase path such as team/app, no host, tag or trailing slash)`;
}
