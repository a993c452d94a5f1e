import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Sbom } from '../../src/core/sbom/model.js';
import { debianRootfs, dpkgQuery } from '../../src/test-support/debian-rootfs.js';
import { runCli } from '../../src/test-support/run-cli.js';

// kaniko writes an entry named `/` for the root of each layer, and names without `./`.
// The real Debian rootfs (mmdebstrap) is re-packed that way by GNU tar, wrapped in a
// docker-save archive by GNU tar, and read by the built CLI; the packages must be
// what dpkg-query reads from the same rootfs.
let work: string;
let archive: string;
let truth: string[];

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-kaniko-'));
  const rootfs = await debianRootfs();
  truth = (await dpkgQuery(rootfs.tarPath)).map((r) => `${r.package} ${r.version} ${r.architecture}`).sort();
  const dir = join(work, 'rootfs');
  await mkdir(dir);
  execFileSync('tar', ['-xf', rootfs.tarPath, '-C', dir]);
  const image = join(work, 'image');
  await mkdir(join(image, 'layer'), { recursive: true });
  const layer = join(image, 'layer', 'layer.tar');
  execFileSync('tar', ['-cf', layer, '-C', dir, '-P', '--transform', 's,^\\.$,/,;s,^\\./,,', '.']);
  const listing = execFileSync('tar', ['-tf', layer], { encoding: 'utf8' }).split('\n');
  assert.equal(listing[0], '/', 'the layer starts with a kaniko-style root entry');
  const diffID = `sha256:${await sha256File(layer)}`;
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [diffID] },
    history: [{ created_by: 'kaniko' }],
  });
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
  await writeFile(join(image, configName), config);
  await writeFile(
    join(image, 'manifest.json'),
    JSON.stringify([{ Config: configName, RepoTags: ['kaniko/debian:latest'], Layers: ['layer/layer.tar'] }]),
  );
  archive = join(work, 'kaniko.tar');
  execFileSync('tar', ['-cf', archive, '-C', image, configName, 'layer/layer.tar', 'manifest.json']);
});
after(() => rm(work, { recursive: true, force: true }));

test('bulwark sbom reads an image whose layer has a kaniko-style root entry', async () => {
  const result = await runCli(['sbom', '--format', 'json', '--no-cache', `docker-archive:${archive}`]);
  assert.equal(result.code, 0, result.stderr);
  const sbom = JSON.parse(result.stdout) as Sbom;
  const debs = sbom.packages
    .filter((p) => p.type === 'deb')
    .map((p) => `${p.name} ${p.version} ${p.arch}`)
    .sort();
  assert.ok(truth.length > 80);
  assert.deepEqual(debs, truth);
  assert.equal(sbom.os?.family, 'debian');
});
