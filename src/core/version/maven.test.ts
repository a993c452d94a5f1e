import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { mavenCompare } from '../../test-support/reference-oracles.js';
import { checkVectors, parseVectors, readVectors, spread } from '../../test-support/vectors-harness.js';
import { maven } from './maven.js';

// ComparableVersion javadoc (maven-artifact 3.8): qualifier order, aliases, a1/b1/m1, list rules.
const TABLE = [
  '1.0-alpha < 1.0-beta',
  '1.0-beta < 1.0-milestone',
  '1.0-milestone < 1.0-rc',
  '1.0-rc = 1.0-cr',
  '1.0-rc < 1.0-snapshot',
  '1.0-SNAPSHOT < 1.0',
  '1.0 = 1.0-ga',
  '1.0 = 1.0-final',
  '1.0 = 1.0.0.Final',
  '1.0 = 1-0',
  '1.0 < 1.0-sp',
  '1.0-sp < 1.0-foo', // unknown qualifiers after known ones…
  '1.0-bar < 1.0-foo', // …and alphabetical among themselves
  '1.0-a1 = 1.0-alpha-1',
  '1.0-b2 = 1.0-beta-2',
  '1.0-m3 = 1.0-milestone-3',
  '1.0-1 < 1.0.1', // a list sorts before a number
  '1.0-sp < 1.0-1', // …and after a string
  '1.0.b2 = 1.0-b2', // 3.8: a dotted qualifier is read like a dashed one
  '31.1-jre > 31.1-android',
  '1.2147483648 > 1.2147483647', // beyond int
  // Qualifiers of real artifacts (docs/version-ordering.md says where older Mavens differ)
  '5.4.32.Final = 5.4.32',
  '1.0.GA = 1.0',
  '1.0.RELEASE = 1.0', // 3.0–3.2.5: RELEASE was an unknown qualifier, so ">"
  '1.0 < 1.0.SP1',
  '1.0.SP1 = 1.0-sp1', // 3.0–3.2.5: ">" (a dotted qualifier was not a dashed one)
  '1.0-sp1 < 1.0-redhat-1', // a vendor suffix is an unknown qualifier: after sp
  '1.0 < 1.0-redhat-1',
  '1.0.1 > 1.0-redhat-1',
  '1.0.Final-redhat-1 = 1.0-redhat-1',
  '1.0.0.redhat-00001 > 1.0.0',
  '1.0.RC1 = 1.0-RC1',
  '1.0-RC1 < 1.0',
  '1.0.CR1 = 1.0.RC1',
  '1.0.M1 > 1.0.Alpha1',
  '1.0.Beta1 = 1.0-beta-1',
  '1.0-SNAPSHOT > 1.0.RC1',
  '1.8.0_292 > 1.8.0', // "_" is no separator: "_292" is an unknown qualifier…
  '1.8.0_292 < 1.8.0.1',
  '1.0_RC1 > 1.0', // …so "_RC1" is not a release candidate
  '1_0 > 1.0',
  'Hoxton.SR12 > Hoxton.RELEASE',
];

test('maven: ComparableVersion rules', () => {
  assert.deepEqual(checkVectors(maven, parseVectors(TABLE)).disagreements, []);
});

test('maven live: ComparableVersion still agrees with the committed vectors and the table', () => {
  const sample = [
    ...spread(readVectors(join(import.meta.dirname, 'testdata/maven-versions.txt')), 200),
    ...parseVectors(TABLE).pairs,
  ];
  const truth = mavenCompare(sample.map((p) => [p.a, p.b] as const));
  sample.forEach((p, i) => {
    assert.equal(truth[i], p.op, `${p.a} vs ${p.b}`);
  });
});
