/**
 * The docker: source against the REAL private dockerd that scripts/provision.sh starts.
 * Truth: `docker image inspect` of the same image.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { docker, testDocker, testDockerTls } from '../../../test-support/components.js';
import { isBulwarkError } from '../../errors.js';
import type { SourceOptions } from '../types.js';
import { dockerSource } from './docker-source.js';

const TAG = 'bulwark-test/docker-source:tiny';
const sha = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

let work = '';
let host = '';
let inspected: { Id: string; RepoTags: string[]; RootFS: { Layers: string[] } };
let nonce = '';

async function tinyRootfs(): Promise<Buffer> {
  const tar = pack();
  tar.entry({ name: 'etc/os-release' }, 'ID=bulwark-test\nVERSION_ID=1\n');
  tar.entry({ name: 'etc/nonce' }, `${nonce}\n`);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function opts(extra: Partial<SourceOptions> = {}): SourceOptions {
  return { tempDir: work, docker: { host }, ...extra };
}

function expectCode(code: string, messagePart?: string): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(isBulwarkError(err), `expected a BulwarkError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.ok(!err.message.includes('\n'));
    if (messagePart) assert.ok(err.message.includes(messagePart), err.message);
    return true;
  };
}

/** A layer as docker save stores it: plain tar (old engines) or compressed (newer ones). */
function untar(blob: Buffer): Buffer {
  return blob[0] === 0x1f && blob[1] === 0x8b ? gunzipSync(blob) : blob;
}

before(async () => {
  host = testDocker().host;
  work = await mkdtemp(join(tmpdir(), 'bulwark-docker-test-'));
  nonce = randomUUID();
  await docker(['import', '-', TAG], { input: await tinyRootfs() });
  inspected = (JSON.parse(await docker(['image', 'inspect', TAG])) as (typeof inspected)[])[0]!;
});

after(async () => {
  await rm(work, { recursive: true, force: true });
  // Each run imports a new image (new nonce): drop it so the test dockerd does not fill up.
  await docker(['rmi', TAG]).catch(() => undefined);
});

describe('docker source (real test dockerd)', () => {
  it('opens an image by name: identity from inspect, layers from docker save', async () => {
    const image = await dockerSource.open(TAG, opts());
    assert.equal(image.kind, 'docker');
    assert.equal(image.ref, TAG);
    assert.equal(image.imageId, inspected.Id);
    assert.deepEqual(image.repoTags, inspected.RepoTags);
    assert.ok(image.repoTags.includes(TAG));
    assert.deepEqual(image.config.rootfs.diff_ids, inspected.RootFS.Layers);
    assert.deepEqual(
      image.layers.map((l) => l.diffID),
      inspected.RootFS.Layers,
    );
    const tar = untar(Buffer.concat(await (await image.layers[0]!.open()).toArray()));
    assert.equal(sha(tar), inspected.RootFS.Layers[0]);
    assert.ok(tar.includes(nonce), 'the layer holds the file we imported');
    assert.equal((await readdir(work)).length, 1, 'the saved archive lives in tempDir while open');
    await image.close();
    assert.deepEqual(await readdir(work), [], 'close() removes the saved archive');
  });

  it('opens an image by id and by short id', async () => {
    for (const id of [inspected.Id, inspected.Id.slice('sha256:'.length, 'sha256:'.length + 12)]) {
      const image = await dockerSource.open(id, opts());
      assert.equal(image.imageId, inspected.Id);
      assert.equal(image.ref, id);
      assert.ok(image.repoTags.includes(TAG));
      assert.deepEqual(image.config.rootfs.diff_ids, inspected.RootFS.Layers);
      await image.close();
    }
  });

  it('follows DOCKER_HOST when no host option is given', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = host;
    try {
      const image = await dockerSource.open(TAG, { tempDir: work });
      assert.equal(image.imageId, inspected.Id);
      await image.close();
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  it('reaches the same daemon over tcp with a TLS cert dir (option and DOCKER_CERT_PATH)', async () => {
    const tls = testDockerTls();
    const image = await dockerSource.open(TAG, opts({ docker: { host: tls.host, certPath: tls.certPath } }));
    assert.equal(image.imageId, inspected.Id);
    assert.deepEqual(image.config.rootfs.diff_ids, inspected.RootFS.Layers);
    await image.close();
    const saved = { ...process.env };
    Object.assign(process.env, {
      DOCKER_HOST: tls.host,
      DOCKER_CERT_PATH: tls.certPath,
      DOCKER_TLS_VERIFY: '1',
    });
    try {
      const viaEnv = await dockerSource.open(TAG, { tempDir: work });
      assert.equal(viaEnv.imageId, inspected.Id);
      await viaEnv.close();
    } finally {
      for (const key of ['DOCKER_HOST', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it('a TLS daemon without a client certificate refuses, with one clear error', async () => {
    const tls = testDockerTls();
    await assert.rejects(
      dockerSource.open(TAG, opts({ docker: { host: tls.host, certPath: join(work, 'no-certs') } })),
      expectCode('SOURCE_UNAVAILABLE', 'TLS'),
    );
  });

  it('unknown image → IMAGE_NOT_FOUND', async () => {
    await assert.rejects(
      dockerSource.open(`bulwark-test/does-not-exist:${nonce}`, opts()),
      expectCode('IMAGE_NOT_FOUND', 'does-not-exist'),
    );
    assert.deepEqual(await readdir(work), [], 'nothing left behind');
  });

  it('unreachable daemon → SOURCE_UNAVAILABLE naming the socket or address', async () => {
    const socket = join(work, 'no-daemon.sock');
    await assert.rejects(
      dockerSource.open(TAG, opts({ docker: { host: `unix://${socket}` } })),
      expectCode('SOURCE_UNAVAILABLE', socket),
    );
    await assert.rejects(
      dockerSource.open(TAG, opts({ docker: { host: 'tcp://127.0.0.1:1' } })),
      expectCode('SOURCE_UNAVAILABLE', '127.0.0.1:1'),
    );
  });
});
