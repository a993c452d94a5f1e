import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { test } from 'node:test';
import { imageSources, parseImageRef } from './sources.js';

test('every *-source.ts exports sources that are in the one list, each scheme once', async () => {
  const dir = new URL('./', import.meta.url);
  const files = (await readdir(dir, { recursive: true })).filter((f) => /-source\.(ts|js)$/.test(f));
  // Listed lazily: each entry loads the source its scheme names.
  const listed = new Set<unknown>(await Promise.all(imageSources.map((s) => s.load())));
  for (const entry of imageSources) assert.equal((await entry.load()).scheme, entry.scheme);
  for (const file of files) {
    const module = (await import(new URL(file, dir).href)) as Record<string, unknown>;
    const exported = Object.values(module).filter(
      (v) => typeof v === 'object' && v !== null && 'scheme' in v && 'open' in v,
    );
    assert.ok(exported.length > 0, `${file} exports a source`);
    for (const source of exported)
      assert.ok(listed.has(source), `${file}: ${String((source as { scheme: string }).scheme)} is listed`);
  }
  const schemes = imageSources.map((s) => s.scheme);
  assert.equal(new Set(schemes).size, schemes.length);
});

test('dir: and rootfs: are schemes like the others', () => {
  assert.equal(parseImageRef('dir:./app').source?.scheme, 'dir');
  assert.equal(parseImageRef('rootfs:/').location, '/');
});
