import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseSbtLock } from './parse-sbt-lock.js';
import { sbtAnalyzer } from './sbt-analyzer.js';

const text = readFileSync(join(import.meta.dirname, 'testdata', 'build.sbt.lock'), 'utf8');

describe('build.sbt.lock', () => {
  it('every dependency as a Maven artifact; test-only → dev', () => {
    const r = parseSbtLock(text, 'app/build.sbt.lock');
    assert.deepEqual(
      r.packages.map((p) => `${p.namespace}:${p.name}:${p.version}${p.dev ? ' dev' : ''}`),
      [
        'com.fasterxml.jackson.core:jackson-databind:2.9.10.7',
        'org.apache.commons:commons-lang3:3.9',
        'org.scala-lang:scala-library:2.13.12',
        'org.scalatest:scalatest_2.13:3.2.17 dev',
      ],
    );
    assert.deepEqual(r.unknowns, []);
  });

  it('broken files and entries are unknowns, never a crash', () => {
    const cases: [string, RegExp][] = [
      [text.slice(0, 200), /JSON at position 200/],
      ['{"lockVersion": 1}', /no dependencies list/],
      ['{"lockVersion": 9, "dependencies": []}', /unsupported lockVersion 9/],
      ['{"lockVersion": 1, "dependencies": [{"org": "a", "name": "b"}, 3]}', /2 dependencies without/],
    ];
    for (const [input, reason] of cases)
      assert.match(parseSbtLock(input, 'x').unknowns[0]?.reason ?? '', reason);
  });

  it('wants build.sbt.lock only', () => {
    const table: [string, boolean][] = [
      ['build.sbt.lock', true],
      ['srv/app/build.sbt.lock', true],
      ['srv/app/build.sbt', false],
      ['srv/app/project/build.properties', false],
    ];
    for (const [path, want] of table)
      assert.equal(sbtAnalyzer.wants({ path, mode: 0o644, size: 10 }), want, path);
  });
});
