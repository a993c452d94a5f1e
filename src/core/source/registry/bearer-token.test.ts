import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTokenAnswer, TokenCache } from './bearer-token.js';

const T0 = 1_000_000;

describe('bearer tokens', () => {
  it('reads token or access_token, expires_in against our clock, 60 s when absent', () => {
    assert.deepEqual(readTokenAnswer({ token: 'a', expires_in: 300 }, T0), {
      value: 'a',
      expiresAt: T0 + 300_000,
      renewAt: T0 + 270_000,
    });
    const b = readTokenAnswer({ access_token: 'b', issued_at: '1999-01-01T00:00:00Z' }, T0);
    assert.equal(b?.value, 'b');
    assert.equal(b?.expiresAt, T0 + 60_000);
    // A short-lived token is renewed a quarter of its lifetime early.
    assert.equal(readTokenAnswer({ token: 'c', expires_in: 4 }, T0)?.renewAt, T0 + 3000);
    assert.equal(readTokenAnswer({ token: 'd', expires_in: -5 }, T0)?.expiresAt, T0 + 60_000);
  });

  it('an answer without a token is no token', () => {
    for (const json of [undefined, null, 'x', {}, { token: '' }, { token: 7 }])
      assert.equal(readTokenAnswer(json, T0), undefined);
  });

  it('the cache hands out a token only before its renewal time, and drops one the registry refused', () => {
    const cache = new TokenCache();
    const token = readTokenAnswer({ token: 't1', expires_in: 40 }, T0);
    assert.ok(token);
    cache.set('k', token);
    assert.equal(cache.fresh('k', T0 + 1000)?.value, 't1');
    assert.equal(cache.fresh('k', T0 + 31_000), undefined);
    cache.drop('k', 'other');
    assert.equal(cache.fresh('k', T0)?.value, 't1');
    cache.drop('k', 't1');
    assert.equal(cache.fresh('k', T0), undefined);
  });
});
