import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseGemfileLock } from './parse-gemfile-lock.js';

// Gems from a GIT or PATH section of Gemfile.lock are other code than the rubygems.org gem of
// that name: they carry an origin (GIT: remote and revision, PATH: the path); GEM specs do not.

test('Gemfile.lock GIT and PATH sections carry their origin', () => {
  const text = readFileSync(join(import.meta.dirname, 'testdata', 'Gemfile-platforms.lock'), 'utf8');
  const found = parseGemfileLock(text, 'app/Gemfile.lock').packages.map(
    (p) => `${p.name}@${p.version} ${p.origin ? `${p.origin.kind} ${p.origin.location}` : 'registry'}`,
  );
  assert.ok(
    found.includes(
      'widget@0.4.0 git https://github.com/example/widget.git#0123456789abcdef0123456789abcdef01234567',
    ),
    found.join('\n'),
  );
  assert.ok(found.includes('local_engine@0.1.0 path engines/local_engine'), found.join('\n'));
  assert.ok(found.includes('rack@3.0.8 registry') || found.some((f) => /^rack@\S+ registry$/.test(f)));
});
