import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isBulwarkError } from '../errors.js';
import { detectLocalPath } from './local-path.js';

let dir: string;
const cwd = process.cwd();
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-local-path-'));
  await mkdir(join(dir, 'nginx'));
  await mkdir(join(dir, 'layout'));
  await writeFile(join(dir, 'layout', 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(join(dir, 'bom'), '{"bomFormat":"CycloneDX"}');
  await writeFile(join(dir, 'notes'), 'hello');
  process.chdir(dir);
});
after(async () => {
  process.chdir(cwd);
  await rm(dir, { recursive: true, force: true });
});

describe('detectLocalPath', () => {
  it('leaves image names alone, even when a plain folder shares the name', async () => {
    assert.equal(await detectLocalPath('debian:12'), undefined);
    assert.equal(await detectLocalPath('ghcr.io/acme/app'), undefined);
    assert.equal(await detectLocalPath('nginx'), undefined);
  });

  it('a path-like or --input name is a path, and a plain folder there is an error', async () => {
    for (const [ref, strict] of [
      ['./nginx', false],
      ['nginx', true],
    ] as const) {
      await assert.rejects(detectLocalPath(ref, { strict }), (err) => isBulwarkError(err, 'INPUT_INVALID'));
    }
  });

  it('recognises layouts and SBOMs by content, whatever their name', async () => {
    assert.deepEqual(await detectLocalPath('layout'), { kind: 'image', ref: 'oci:layout', format: 'oci' });
    assert.deepEqual(await detectLocalPath('bom'), { kind: 'sbom', path: 'bom' });
  });

  it('an existing file that is nothing Bulwark reads is an error, never an image name', async () => {
    await assert.rejects(detectLocalPath('notes'), /notes: not an image archive/);
  });
});
