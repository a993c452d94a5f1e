import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readBoolean, readDate, readNumber } from './values.js';

const NOW = Date.UTC(2026, 0, 31, 12, 0, 0); // 2026-01-31T12:00:00Z
const H = 3_600_000;
const D = 24 * H;

describe('QQL values', () => {
  it('reads numbers strictly', () => {
    for (const [text, n] of [
      ['5', 5],
      ['-2', -2],
      ['+3.5', 3.5],
      ['.5', 0.5],
      ['1e3', 1000],
      ['7.', 7],
    ] as const) {
      assert.equal(readNumber(text), n, text);
    }
    for (const text of ['', '0x10', 'NaN', 'Infinity', '1e999', '5a', '1,000', ' 5']) {
      assert.equal(readNumber(text), undefined, text);
    }
  });

  it('reads booleans', () => {
    assert.equal(readBoolean('TRUE'), true);
    assert.equal(readBoolean('no'), false);
    assert.equal(readBoolean('0'), false);
    assert.equal(readBoolean('maybe'), undefined);
  });

  it('reads date math relative to now, calendar-aware for months and years', () => {
    assert.deepEqual(readDate('now', NOW), { start: NOW, end: NOW + 1 });
    assert.equal(readDate('now-24h', NOW)?.start, NOW - D);
    assert.equal(readDate('now-48h', NOW)?.start, NOW - 2 * D);
    assert.equal(readDate('now-7d', NOW)?.start, NOW - 7 * D);
    assert.equal(readDate('now+2w', NOW)?.start, NOW + 14 * D);
    assert.equal(readDate('now-30m', NOW)?.start, NOW - 30 * 60_000);
    assert.equal(readDate('now-10s', NOW)?.start, NOW - 10_000);
    // Jan 31 minus one month is Dec 31; plus one month overflows Feb like the calendar does.
    assert.equal(readDate('now-1M', NOW)?.start, Date.UTC(2025, 11, 31, 12));
    assert.equal(readDate('now-1y', NOW)?.start, Date.UTC(2025, 0, 31, 12));
    assert.equal(readDate('now-1d-12h', NOW)?.start, NOW - D - 12 * H);
    for (const bad of ['now-', 'now-5', 'now-5x', 'now*2', 'nowish', 'now-1D'])
      assert.equal(readDate(bad, NOW), undefined, bad);
  });

  it('reads ISO dates as intervals as precise as written', () => {
    const day = Date.UTC(2024, 0, 31);
    assert.deepEqual(readDate('2024-01-31', NOW), { start: day, end: day + D });
    assert.deepEqual(readDate('2024-01-31T10:20', NOW), {
      start: day + 10 * H + 20 * 60_000,
      end: day + 10 * H + 21 * 60_000,
    });
    assert.deepEqual(readDate('2024-01-31T10:20:30Z', NOW), {
      start: day + 37_230_000,
      end: day + 37_231_000,
    });
    assert.deepEqual(readDate('2024-01-31T10:20:30.5Z', NOW), {
      start: day + 37_230_500,
      end: day + 37_230_501,
    });
    assert.equal(readDate('2024-01-31T10:20:30+02:00', NOW)?.start, day + 37_230_000 - 2 * H);
    assert.equal(readDate('2024-01-31T10:20:30-0130', NOW)?.start, day + 37_230_000 + 1.5 * H);
    for (const bad of ['2024-02-30', '2024-13-01', '2024-1-1', '2024-01-31T25:00', '31/01/2024']) {
      assert.equal(readDate(bad, NOW), undefined, bad);
    }
  });

  it('reads epoch seconds (as the API fromDate) and epoch milliseconds', () => {
    assert.deepEqual(readDate('1546387200', NOW), { start: 1_546_387_200_000, end: 1_546_387_201_000 });
    assert.deepEqual(readDate('1546435553527', NOW), { start: 1_546_435_553_527, end: 1_546_435_553_528 });
  });
});
