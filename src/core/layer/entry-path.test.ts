import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBulwarkError } from '../errors.js';
import { classifyWhiteout, normalizeEntryPath } from './entry-path.js';

test('entry names become clean image paths', () => {
  const cases: [string, string][] = [
    ['./usr/bin/ls', 'usr/bin/ls'],
    ['usr/bin/ls', 'usr/bin/ls'],
    ['./etc/', 'etc'],
    ['./', ''],
    ['.', ''],
    ['usr//lib/./x', 'usr/lib/x'],
    ['././usr/share', 'usr/share'],
    ['usr/lib/file..name', 'usr/lib/file..name'],
    ['/', ''],
    ['/etc/passwd', 'etc/passwd'],
    ['/ko-app/', 'ko-app'],
    ['/../etc/x', 'etc/x'],
    ['a/b/..', 'a'],
    ['usr/lib/../share/x', 'usr/share/x'],
  ];
  for (const [name, expected] of cases) assert.equal(normalizeEntryPath(name, 'L'), expected, name);
});

test('names that leave the root are refused', () => {
  for (const name of ['..', '../', './..', '../x', 'a/../../x', './../x']) {
    assert.throws(
      () => normalizeEntryPath(name, 'L'),
      (err) => isBulwarkError(err, 'LAYER_UNSAFE_PATH'),
      name,
    );
  }
});

test('whiteouts and opaque markers', () => {
  assert.deepEqual(classifyWhiteout('var/cache/.wh.apt'), { kind: 'whiteout', path: 'var/cache/apt' });
  assert.deepEqual(classifyWhiteout('.wh.top'), { kind: 'whiteout', path: 'top' });
  assert.deepEqual(classifyWhiteout('opt/app/.wh..wh..opq'), { kind: 'opaque', dir: 'opt/app' });
  assert.equal(classifyWhiteout('etc/wh.conf'), undefined);
});
