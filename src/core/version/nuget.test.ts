import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkVectors, parseVectors } from '../../test-support/vectors-harness.js';
import { nuget } from './nuget.js';

// No reference tool: NuGet.Versioning needs .NET, which Debian does not ship, so this
// table of documented rules is the only check (docs/version-ordering.md).
// NuGet "Package versioning: version precedence" (learn.microsoft.com) and NuGet.Versioning's
// VersionComparer: four parts, case-insensitive labels, numeric labels numerically, metadata ignored.
const TABLE = [
  '1.0 = 1.0.0',
  '1.0.0 = 1.0.0.0',
  '1.0.0.1 > 1.0.0',
  '1.0.0-alpha < 1.0.0-beta',
  '1.0.0-beta < 1.0.0',
  '1.0.0-Alpha = 1.0.0-alpha',
  '1.0.0-alpha.2 < 1.0.0-alpha.10',
  '1.0.0-1 < 1.0.0-alpha', // numeric labels before alphanumeric ones
  '1.0.0-alpha < 1.0.0-alpha.1',
  '1.0.0-beta10 < 1.0.0-beta2', // SemVer 1 labels compare as strings
  '1.0.0+build = 1.0.0',
  '1.0.0-rc.1+meta = 1.0.0-RC.1',
  '2.0.0.0-beta < 2.0.0.0',
  '! 1.0.0.0.0',
  '! a.b',
  '! 1.0.0-',
  '! ',
];

test('nuget: NuGet version precedence', () => {
  assert.deepEqual(checkVectors(nuget, parseVectors(TABLE)).disagreements, []);
});
