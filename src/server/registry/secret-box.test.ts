/**
 * The secret box: AES-256-GCM round trip; a value moved to another row or column does not
 * open; another key does not open (replicas without a shared key fail loudly); the key
 * comes from BULWARK_SECRET_KEY, then BULWARK_SECRET_KEY_FILE, then a 0600 file generated
 * once in the data dir; without any of them (PostgreSQL, no data dir) it is refused.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { loadSecretKey, SecretBox } from './secret-box.js';

it('seals with a fresh IV each time and opens only in the same context', () => {
  const box = SecretBox.ephemeral();
  const a = box.seal('hunter2', 'registries/r1/password');
  const b = box.seal('hunter2', 'registries/r1/password');
  assert.notEqual(a, b);
  assert.ok(!a.includes('hunter2'));
  assert.match(a, /^gcm1:/);
  assert.equal(box.open(a, 'registries/r1/password'), 'hunter2');
  assert.throws(() => box.open(a, 'registries/r2/password'), /cannot decrypt/);
  assert.throws(() => SecretBox.ephemeral().open(a, 'registries/r1/password'), /secret key differs/);
  const tampered = `${a.slice(0, -2)}AA`;
  assert.throws(() => box.open(tampered, 'registries/r1/password'));
});

it('loads the key from the environment, a key file, or a 0600 file generated once in the data dir', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-secret-'));
  try {
    const hex = randomBytes(32).toString('hex');
    assert.equal(loadSecretKey({ env: { BULWARK_SECRET_KEY: hex }, dataDir: dir }).toString('hex'), hex);
    const file = join(dir, 'shared.key');
    await writeFile(file, randomBytes(32).toString('base64'));
    const fromFile = loadSecretKey({ env: { BULWARK_SECRET_KEY_FILE: file } });
    assert.equal(fromFile.length, 32);
    const first = loadSecretKey({ env: {}, dataDir: dir });
    const mode = (await stat(join(dir, 'secret.key'))).mode & 0o777;
    assert.equal(mode, 0o600);
    assert.deepEqual(loadSecretKey({ env: {}, dataDir: dir }), first, 'generated once, then reused');
    assert.match(await readFile(join(dir, 'secret.key'), 'utf8'), /^[0-9a-f]{64}\n$/);
    assert.throws(() => loadSecretKey({ env: {} }), {
      code: 'SECRET_KEY_MISSING',
      message: /BULWARK_SECRET_KEY/,
    });
    assert.throws(() => loadSecretKey({ env: { BULWARK_SECRET_KEY: 'short' } }), /32-byte/);
    // Lazy: a box whose key cannot load fails only when used.
    const lazy = SecretBox.fromSource({ env: {} });
    assert.throws(() => lazy.seal('x', 'c'), /BULWARK_SECRET_KEY/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
