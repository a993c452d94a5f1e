import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoMod } from './parse-go-mod.js';

// go.mod scanned from source: the toolchain it builds with is the standard library the
// binary will hold (reported as `stdlib`, as Trivy does), and a module replaced by a local
// directory is the project's own code, not the proxy's module of that path.

const mod = (...lines: string[]) => ['module example.com/app', '', ...lines, ''].join('\n');

test('go.mod: the toolchain line gives the stdlib version', () => {
  const result = parseGoMod(mod('go 1.22.0', '', 'toolchain go1.22.5'), 'app/go.mod');
  assert.deepEqual(result.packages, [{ type: 'golang', name: 'stdlib', version: '1.22.5' }]);
});

test('go.mod: without a toolchain line, a full `go 1.x.y` line gives it (a minimum, so low confidence)', () => {
  const result = parseGoMod(mod('go 1.21.3'), 'app/go.mod');
  assert.deepEqual(result.packages, [
    { type: 'golang', name: 'stdlib', version: '1.21.3', confidence: 'low' },
  ]);
});

test('go.mod: a language version without patch (`go 1.19`) names no toolchain release', () => {
  assert.deepEqual(parseGoMod(mod('go 1.19'), 'app/go.mod').packages, []);
  assert.deepEqual(parseGoMod(mod('go 1.21'), 'app/go.mod').packages, []);
  // `toolchain default` names none either.
  assert.deepEqual(parseGoMod(mod('go 1.21', 'toolchain default'), 'app/go.mod').packages, []);
});

test('go.mod: a module replaced by a local directory carries a path origin', () => {
  const result = parseGoMod(
    mod('require example.com/local v0.0.0', '', 'replace example.com/local => ../local'),
    'app/go.mod',
  );
  assert.deepEqual(result.packages, [
    {
      type: 'golang',
      name: 'example.com/local',
      version: 'v0.0.0',
      confidence: 'low',
      origin: { kind: 'path', location: '../local' },
    },
  ]);
});
