/**
 * Schedule rules: next daily run across time zones and a DST change (Europe/Paris,
 * 2026-03-29: 02:00 → 03:00), invalid times and zones, glob and regex tag filters,
 * repository path rule.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertTimeZone, compileTagFilter, nextDailyRun, repositoryPathProblem } from './schedule-rules.js';

const at = (iso: string) => Date.parse(iso);

it('next daily run honours the time zone and daylight saving', () => {
  assert.equal(nextDailyRun(at('2026-11-28T09:00:00Z'), '10:30', 'UTC'), at('2026-11-28T10:30:00Z'));
  assert.equal(nextDailyRun(at('2026-11-28T10:30:00Z'), '10:30', 'UTC'), at('2026-11-29T10:30:00Z'));
  // Paris is UTC+1 in November: 02:00 local is 01:00Z.
  assert.equal(nextDailyRun(at('2026-11-28T09:00:00Z'), '02:00', 'Europe/Paris'), at('2026-11-29T01:00:00Z'));
  // Summer time (UTC+2) after 2026-03-29.
  assert.equal(nextDailyRun(at('2026-03-29T12:00:00Z'), '08:15', 'Europe/Paris'), at('2026-03-30T06:15:00Z'));
  assert.equal(nextDailyRun(at('2026-03-28T12:00:00Z'), '08:15', 'Europe/Paris'), at('2026-03-29T06:15:00Z'));
  // New York (UTC-5 in November): 23:00 local is 04:00Z the next day.
  assert.equal(
    nextDailyRun(at('2026-11-28T09:00:00Z'), '23:00', 'America/New_York'),
    at('2026-11-29T04:00:00Z'),
  );
  assert.equal(nextDailyRun(at('2026-11-28T09:00:00Z'), '09:30', 'Asia/Kolkata'), at('2026-11-29T04:00:00Z'));
});

it('refuses invalid times and zones with a 400 naming them', () => {
  assert.throws(() => nextDailyRun(0, '24:00'), {
    code: 'BAD_REQUEST',
    message: /invalid timeOfDay "24:00"/,
  });
  assert.throws(() => assertTimeZone('Mars/Olympus'), { code: 'BAD_REQUEST', message: /Mars\/Olympus/ });
  assert.doesNotThrow(() => assertTimeZone('Europe/Paris'));
});

it('tag filters: glob by default, regex on request, always the whole tag', () => {
  const glob = compileTagFilter('v1.*');
  assert.ok(glob('v1.2'));
  assert.ok(!glob('v10'));
  assert.ok(!glob('xv1.2'));
  const re = compileTagFilter('v[0-9]+', 'regex');
  assert.ok(re('v12'));
  assert.ok(!re('v12-rc'));
  assert.throws(() => compileTagFilter('(', 'regex'), { code: 'BAD_REQUEST' });
  assert.ok(compileTagFilter(undefined)('anything'));
});

it('repositories are named by their full path inside the registry', () => {
  assert.equal(repositoryPathProblem('team/app'), undefined);
  assert.equal(repositoryPathProblem('app'), undefined);
  assert.match(repositoryPathProblem('registry.example.com/team/app') ?? '', /registry host/);
  assert.match(repositoryPathProblem('team/app:v1') ?? '', /full repository path/);
  assert.match(repositoryPathProblem('team/') ?? '', /full repository path/);
});
