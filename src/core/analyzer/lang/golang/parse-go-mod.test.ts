import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseGoMod } from './parse-go-mod.js';

const fixture = (name: string) => readFileSync(new URL(`testdata/${name}`, import.meta.url), 'utf8');

describe('parseGoMod', () => {
  const cases: { name: string; file: string; expected: unknown }[] = [
    {
      // Written by `go mod tidy` (Go 1.19.8) in build-hello.sh.
      name: 'real go.mod with a module and a directory replacement',
      file: 'hello.go.mod',
      expected: [
        { type: 'golang', name: 'example.com/greet', version: 'v1.2.3' },
        {
          type: 'golang',
          name: 'example.com/local',
          version: 'v0.0.0',
          confidence: 'low',
          origin: { kind: 'path', location: './local' },
        },
        { type: 'golang', name: 'example.com/newlib', version: 'v1.1.0' },
      ],
    },
    {
      name: 'blocks, indirect, quoted paths, versioned and wildcard replaces',
      file: 'complex.go.mod',
      expected: JSON.parse(fixture('complex.go.mod.expected.json')),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = parseGoMod(fixture(c.file), `src/${c.file}`);
      assert.deepEqual(result.unknowns, []);
      assert.deepEqual(result.packages, c.expected);
    });
  }

  const bad: { name: string; text: string; reason: RegExp }[] = [
    { name: 'not a go.mod at all', text: '<html>hello</html>\n', reason: /not a go.mod/ },
    {
      name: 'a require without a version',
      text: 'module x\nrequire github.com/a/b\n',
      reason: /line\(s\): 2/,
    },
    { name: 'a replace without a target', text: 'module x\nreplace a =>\n', reason: /line\(s\): 2/ },
    { name: 'too large', text: `module x\n${'// pad\n'.repeat(700_000)}`, reason: /larger than/ },
  ];
  for (const c of bad) {
    it(`reports ${c.name}`, () => {
      const result = parseGoMod(c.text, 'go.mod');
      assert.match(result.unknowns?.[0]?.reason ?? '', c.reason);
    });
  }

  it('parses an unterminated block without hanging', () => {
    const result = parseGoMod('module x\nrequire (\n\ta/b v1.0.0\n', 'go.mod');
    assert.deepEqual(result.packages, [{ type: 'golang', name: 'a/b', version: 'v1.0.0' }]);
  });
});
