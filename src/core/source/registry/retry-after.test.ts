import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RATE_LIMIT, parseRetryAfter, rateLimitWait } from './retry-after.js';

const NOW = Date.parse('2026-11-28T10:00:00Z');

describe('Retry-After', () => {
  const cases: [string | null, number | undefined][] = [
    ['3', 3000],
    [' 0 ', 0],
    ['120', 120_000],
    ['Sat, 28 Nov 2026 10:00:07 GMT', 7000],
    // A date already past means "now", not a negative wait.
    ['Sat, 28 Nov 2026 09:59:00 GMT', 0],
    ['soon', undefined],
    ['5 minutes', undefined],
    ['-3', undefined],
    ['', undefined],
    [null, undefined],
  ];
  for (const [header, ms] of cases) {
    it(`${JSON.stringify(header)} → ${ms}`, () => assert.equal(parseRetryAfter(header, NOW), ms));
  }

  it('a wait is capped, and a 429 naming none waits the default', () => {
    const policy = { ...DEFAULT_RATE_LIMIT, maxWaitMs: 10_000, defaultWaitMs: 1500 };
    assert.equal(rateLimitWait('3600', policy, NOW), 10_000);
    assert.equal(rateLimitWait('2', policy, NOW), 2000);
    assert.equal(rateLimitWait(undefined, policy, NOW), 1500);
    assert.equal(rateLimitWait('garbage', policy, NOW), 1500);
  });
});
