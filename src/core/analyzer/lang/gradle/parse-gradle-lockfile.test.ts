import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gradleAnalyzer } from './gradle-analyzer.js';
import { parseGradleLockfile } from './parse-gradle-lockfile.js';

const text = readFileSync(join(import.meta.dirname, 'testdata', 'gradle.lockfile'), 'utf8');

describe('gradle.lockfile', () => {
  it('every module line as group:artifact; test-only configurations → dev', () => {
    const r = parseGradleLockfile(text, 'app/gradle.lockfile');
    assert.deepEqual(
      r.packages.map((p) => `${p.namespace}:${p.name}:${p.version}${p.dev ? ' dev' : ''}`),
      [
        'com.fasterxml.jackson.core:jackson-annotations:2.13.0',
        'com.fasterxml.jackson.core:jackson-core:2.13.0',
        'com.fasterxml.jackson.core:jackson-databind:2.13.0',
        'junit:junit:4.13.2 dev',
        'org.apache.logging.log4j:log4j-api:2.14.1',
        'org.apache.logging.log4j:log4j-core:2.14.1',
        'org.hamcrest:hamcrest-core:1.3 dev',
      ],
    );
    assert.deepEqual(r.unknowns, []);
  });

  it('malformed lines are counted in one unknown; good lines still read', () => {
    const r = parseGradleLockfile('a:b=x\nx:y:1.0=runtimeClasspath\n::=\n', 'gradle.lockfile');
    assert.deepEqual(
      r.packages.map((p) => p.name),
      ['y'],
    );
    assert.match(r.unknowns[0]?.reason ?? '', /^2 lines/);
  });

  const wants: [string, boolean][] = [
    ['app/gradle.lockfile', true],
    ['app/gradle/dependency-locks/compileClasspath.lockfile', true],
    ['app/other.lockfile', false],
  ];
  for (const [path, want] of wants) {
    it(`wants ${path} → ${want}`, () =>
      assert.equal(gradleAnalyzer.wants({ path, size: 1, mode: 0o644 }), want));
  }
});
