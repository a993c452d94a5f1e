import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkVectors, parseVectors } from '../../test-support/vectors-harness.js';
import { apk } from './apk.js';

// No reference tool: Debian bookworm has no apk-tools package, so this table of
// upstream's rules is the only check (docs/version-ordering.md).
// apk-tools src/version.c (token_next, token_cmp, apk_version_compare) and its
// test/version.data style cases; Alpine wiki "Package policies: package versions".
const TABLE = [
  '1.0_alpha < 1.0_beta',
  '1.0_beta < 1.0_pre',
  '1.0_pre < 1.0_rc',
  '1.0_rc < 1.0', // pre-release suffixes sort below the release…
  '1.0 < 1.0_cvs', // …post-release suffixes above it
  '1.0_cvs < 1.0_svn',
  '1.0_svn < 1.0_git',
  '1.0_git < 1.0_hg',
  '1.0_hg < 1.0_p',
  '1.0_alpha2 > 1.0_alpha',
  '1.0_alpha10 > 1.0_alpha9',
  '1.0_rc1 < 1.0-r0',
  '1.0 < 1.0-r0',
  '1.0-r1 < 1.0-r10',
  '1.0-r9 < 1.0.1-r0',
  '1.0a > 1.0', // a letter after the digits is newer than none…
  '1.0a < 1.0.1', // …but older than another component
  '1.0a < 1.0b',
  '1.01 < 1.1', // a leading zero compares as a string (Gentoo rule)
  '1.001 < 1.01',
  '1.2.13_git20220627-r0 > 1.2.13-r0',
  '3.0.12-r0 < 3.0.13-r0',
  '1.36.1-r2 < 1.36.1-r15',
  '2.9.14-r2 = 2.9.14-r2',
  '1.0 < 1.0~abc', // a commit hash after the version
  '1.0~abc < 1.0~abd',
  '! 1.0-r',
  '! 1.0-1',
  '! 1.0_foo',
  '! a1.0',
  '! 1..0',
  '! 1.0.',
  '! 1.0A',
  '! 1.0-r1a',
  '! ',
];

test('apk: apk-tools version ordering', () => {
  assert.deepEqual(checkVectors(apk, parseVectors(TABLE)).disagreements, []);
});
