import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBulwarkError } from '../errors.js';
import { resolveInImage } from './resolve-path.js';

const links = new Map([
  ['etc/os-release', '../usr/lib/os-release'],
  ['bin', 'usr/bin'],
  ['lib', '/usr/lib'],
  ['escape', '../../../../../host/secret'],
  ['abs-escape', '/../../host/secret'],
  ['loop-a', 'loop-b'],
  ['loop-b', '/loop-a'],
  ['self', 'self'],
]);

test('resolves relative, absolute and directory links inside the image', () => {
  assert.equal(resolveInImage('etc/os-release', links), 'usr/lib/os-release');
  assert.equal(resolveInImage('bin/ls', links), 'usr/bin/ls');
  assert.equal(resolveInImage('lib/x86_64-linux-gnu/libc.so.6', links), 'usr/lib/x86_64-linux-gnu/libc.so.6');
  assert.equal(resolveInImage('usr/lib/../share', links), 'usr/share');
});

test('a link pointing outside the image stays inside it', () => {
  assert.equal(resolveInImage('escape', links), 'host/secret');
  assert.equal(resolveInImage('abs-escape', links), 'host/secret');
});

test('symlink loops are reported, not followed forever', () => {
  for (const path of ['loop-a', 'self/x']) {
    assert.throws(
      () => resolveInImage(path, links),
      (err) => isBulwarkError(err, 'SYMLINK_LOOP') && /symlink loop/.test(err.message),
    );
  }
});
