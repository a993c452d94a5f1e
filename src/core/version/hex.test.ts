/**
 * Hex orders package versions with Elixir's `Version` module (strict SemVer 2.0). Bulwark
 * maps the `Hex` ecosystem to its SemVer comparator; this asks the real Elixir (Debian
 * `elixir`) about the committed SemVer vectors and Hex spellings, and expects the same answers.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { elixirVersionCompare, type Pair } from '../../test-support/reference-oracles.js';
import { readVectors, spread } from '../../test-support/vectors-harness.js';
import { compareVersions, schemeForEcosystem } from './schemes.js';

// Real Hex release spellings (phoenix, plug, ecto, jason…): pre-releases, builds, zero parts.
const HEX_SPELLINGS = [
  '1.7.0-rc.0',
  '1.7.0-rc.3',
  '1.7.0',
  '1.7.10',
  '1.6.16',
  '0.14.2',
  '3.0.0-alpha',
  '3.0.0-alpha.1',
  '3.0.0-beta',
  '3.0.0-beta.2',
  '3.0.0-rc.1',
  '3.0.0',
  '1.0.0+build.1',
  '1.0.0',
  '2.0.0-dev',
  '0.0.1',
  '10.0.0',
  '1.10.0',
  '1.9.99',
];

test('hex live: Elixir Version.compare agrees with the Hex comparator', () => {
  const scheme = schemeForEcosystem('Hex');
  assert.ok(scheme, 'Hex has a version scheme');
  const file = readVectors(join(import.meta.dirname, 'testdata/semver-versions.txt'));
  const pairs: Pair[] = [...spread(file, 400).map((p) => [p.a, p.b] as const)];
  for (const a of HEX_SPELLINGS) for (const b of HEX_SPELLINGS) pairs.push([a, b]);
  const truth = elixirVersionCompare(pairs);
  const disagreements: string[] = [];
  let asked = 0;
  pairs.forEach(([a, b], i) => {
    const elixir = truth[i];
    // Only versions Elixir accepts: the comparator is lenient about a leading `v`, which no
    // Hex release carries.
    if (elixir === '!') return;
    asked++;
    const c = compareVersions(scheme, a, b);
    const ours = c === undefined ? '!' : c < 0 ? '<' : c > 0 ? '>' : '=';
    if (ours !== elixir) disagreements.push(`${a} ${elixir} ${b} (ours ${ours})`);
  });
  assert.ok(asked > 300, `Elixir accepted only ${asked} pairs`);
  assert.deepEqual(disagreements, []);
});
