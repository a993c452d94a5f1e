/**
 * The shared Debian root filesystem helper, against the real mmdebstrap, dpkg-query and the
 * test dockerd. The first run builds the rootfs (about 20 s); later runs reuse the cache.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docker } from './components.js';
import { debianRootfs, dpkgQuery, importDebianImage } from './debian-rootfs.js';

describe('debianRootfs (real mmdebstrap)', () => {
  it('builds once, and dpkg-query reads the requested packages from its database', async () => {
    const [first, second] = await Promise.all([debianRootfs(['less', 'jq']), debianRootfs(['jq', 'less'])]);
    assert.equal(
      first.tarPath,
      second.tarPath,
      'the package order does not matter; concurrent callers share one build',
    );
    assert.equal(first.sha256, second.sha256);
    const rows = await dpkgQuery(first.tarPath);
    const byName = new Map(rows.map((r) => [r.package, r]));
    for (const name of ['jq', 'less', 'base-files', 'dpkg', 'libc6'])
      assert.ok(byName.has(name), `${name} is installed`);
    assert.match(byName.get('base-files')!.version, /^12\./, 'bookworm base-files');
    assert.equal(byName.get('libc6')!.architecture, 'amd64');
    assert.ok(rows.length > 80 && rows.length < 200, `a minbase system (${rows.length} packages)`);
  });

  it('imports the rootfs into the test dockerd once per tar', async () => {
    const tag = 'bulwark-test/debian-rootfs-helper:bookworm';
    const id = await importDebianImage(tag);
    assert.match(id, /^sha256:[a-f0-9]{64}$/);
    assert.equal(await importDebianImage(tag), id, 'a second import reuses the tag');
    const inspected = JSON.parse(await docker(['image', 'inspect', tag])) as { Id: string; Os: string }[];
    assert.equal(inspected[0]!.Id, id);
    assert.equal(inspected[0]!.Os, 'linux');
  });
});
