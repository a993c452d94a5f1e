import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBulwarkError } from '../core/errors.js';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  const ok: [string, number][] = [
    ['60', 60_000],
    ['0.5', 500],
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
  ];
  for (const [text, ms] of ok) it(`${text} is ${ms} ms`, () => assert.equal(parseDuration(text), ms));

  for (const text of ['', '0', '0s', 'soon', '5 m', '-1', '1d'])
    it(`"${text}" is a usage error`, () =>
      assert.throws(
        () => parseDuration(text),
        (err: unknown) => isBulwarkError(err, 'USAGE'),
      ));
});
