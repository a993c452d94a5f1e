import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkVectors, parseVectors, verdictOf } from '../../test-support/vectors-harness.js';
import { go } from './go.js';

// Go modules reference (go.dev/ref/mod#versions, #pseudo-versions, #incompatible-versions)
// and golang.org/x/mod/semver. testdata/go-versions.txt holds x/mod's own answers.
const TABLE = [
  'v0.0.0-20191109021931-daa7c04131f5 < v0.0.0-20200101000000-000000000000', // by commit time
  'v0.0.0-20191109021931-daa7c04131f5 < v0.1.0',
  'v1.2.3 < v1.2.4-0.20191109021931-daa7c04131f5', // vX.Y.(Z+1)-0.time-hash: after its base…
  'v1.2.4-0.20191109021931-daa7c04131f5 < v1.2.4', // …before the next release
  'v1.2.4-pre < v1.2.4-pre.0.20191109021931-daa7c04131f5',
  'v1.2.4-pre.0.20191109021931-daa7c04131f5 < v1.2.4',
  'v2.0.0+incompatible = v2.0.0', // build metadata, including +incompatible, is ignored
  'v2.0.1+incompatible > v2.0.0+incompatible',
  'v1 = v1.0.0', // shorthands
  'v1.2 = v1.2.0',
  '1.2.3 = v1.2.3', // OSV Go records omit the v
  'v1.0.0-alpha < v1.0.0-alpha.1',
  'v1.0.0-beta.2 < v1.0.0-beta.11',
  'v99999999999999999999.0.0 > v9999999999999999999.0.0', // no size limit
  '! v01.0.0',
  '! v1.0.0-01',
  '! v1.2-pre',
  '! v1.0.0-',
  '! v1.0.0+',
  '! ',
];

test('go: module version rules', () => {
  assert.deepEqual(checkVectors(go, parseVectors(TABLE)).disagreements, []);
});

test('go: pseudo-versions order by timestamp and sit between their base and the next release', () => {
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const stamp = (): string => String(20000101000000 + (next() % 100000000)).padStart(14, '0');
  for (let i = 0; i < 200; i++) {
    const [t1, t2] = [stamp(), stamp()];
    const hash = next().toString(16).padStart(12, '0').slice(0, 12);
    const p1 = `v1.4.3-0.${t1}-${hash}`;
    const p2 = `v1.4.3-0.${t2}-${hash}`;
    assert.equal(verdictOf(go, p1, p2), t1 < t2 ? '<' : t1 > t2 ? '>' : '=');
    assert.equal(verdictOf(go, 'v1.4.2', p1), '<');
    assert.equal(verdictOf(go, p1, 'v1.4.3'), '<');
    assert.equal(verdictOf(go, p1, `v1.4.3+incompatible`), '<');
    assert.equal(verdictOf(go, p2, p1), { '<': '>', '>': '<', '=': '=', '!': '!' }[verdictOf(go, p1, p2)]);
  }
});
