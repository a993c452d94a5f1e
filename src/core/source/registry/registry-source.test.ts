/**
 * The registry source against the REAL test registry (distribution v2 from Debian's
 * docker-registry, htpasswd auth) that scripts/provision.sh starts. The truth it is compared
 * with comes from other tools: `docker image inspect` and `skopeo inspect --raw`.
 */
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { docker, testRegistry } from '../../../test-support/components.js';
import { type PushedImage, pushImage, pushMultiPlatformIndex } from '../../../test-support/registry-push.js';
import { isBulwarkError } from '../../errors.js';
import type { OpenedImage, SourceOptions } from '../types.js';
import { registrySource } from './registry-source.js';

const sha = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const LOCAL_IMAGE = 'bulwark-test/registry-source-small:latest';
const REPO = 'bulwark-test/registry-source';

interface DockerTruth {
  id: string;
  diffIDs: string[];
}

let work = '';
let registry: { host: string; username: string; password: string };
const truth: Record<string, DockerTruth> = {};
let gzipPush: PushedImage;
let zstdPush: PushedImage;
let multi: Awaited<ReturnType<typeof pushMultiPlatformIndex>>;

/** Options carrying no credentials from the machine's own docker config, so each test says where they come from. */
function opts(
  registryOptions: SourceOptions['registry'] = {},
  extra: Partial<SourceOptions> = {},
): SourceOptions {
  return {
    tempDir: work,
    registry: { dockerConfigPath: join(work, 'no-config.json'), ...registryOptions },
    ...extra,
  };
}
const creds = (): SourceOptions['registry'] => ({ username: registry.username, password: registry.password });

async function readLayer(image: OpenedImage, i: number): Promise<Buffer> {
  return Buffer.concat(await (await image.layers[i]!.open()).toArray());
}

function expectCode(code: string): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(isBulwarkError(err), `expected a BulwarkError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.ok(!err.message.includes('\n'));
    return true;
  };
}

/**
 * Builds a tiny two-layer image offline (FROM scratch + two COPY steps). A nonce makes its
 * layers new to skopeo on every run, so nothing is reused from an earlier push.
 */
async function buildSmallImage(tag: string, name: string): Promise<string> {
  const context = join(work, `context-${name}`);
  await mkdir(context);
  await writeFile(join(context, 'hello.txt'), `hello from layer one (${name} ${randomUUID()})\n`);
  await writeFile(join(context, 'second.txt'), `and from layer two (${randomUUID()})\n`);
  await writeFile(
    join(context, 'Dockerfile'),
    'FROM scratch\nCOPY hello.txt /hello.txt\nCOPY second.txt /etc/second.txt\n',
  );
  await docker(['build', '--network', 'none', '-q', '-t', tag, context]);
  const inspected = JSON.parse(await docker(['image', 'inspect', tag])) as {
    Id: string;
    RootFS: { Layers: string[] };
  }[];
  truth[name] = { id: inspected[0]!.Id, diffIDs: inspected[0]!.RootFS.Layers };
  return tag;
}

before(async () => {
  registry = testRegistry();
  work = await mkdtemp(join(tmpdir(), 'bulwark-registry-test-'));
  gzipPush = await pushImage(await buildSmallImage(`${LOCAL_IMAGE}-gzip`, 'gzip'), `${REPO}:v1`, {
    format: 'v2s2',
  });
  // A second image of its own: skopeo would otherwise reuse the gzip blobs it just pushed
  // instead of compressing with zstd (its blob-info cache knows them).
  zstdPush = await pushImage(await buildSmallImage(`${LOCAL_IMAGE}-zstd`, 'zstd'), `${REPO}:zstd`, {
    compression: 'zstd',
  });
  multi = await pushMultiPlatformIndex(`${REPO}-multi`, 'v1', [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8' },
  ]);
});

after(async () => {
  await rm(work, { recursive: true, force: true });
  // Each run builds new images (new nonces): drop them so the test dockerd does not fill up.
  await docker(['rmi', `${LOCAL_IMAGE}-gzip`, `${LOCAL_IMAGE}-zstd`]).catch(() => undefined);
});

describe('registry source (real test registry)', () => {
  it('opens a pushed image: digests match skopeo and docker, layers stream and verify', async () => {
    const image = await registrySource.open(`${registry.host}/${REPO}:v1`, opts(creds()));
    const manifest = JSON.parse(gzipPush.rawManifest) as {
      config: { digest: string };
      layers: { digest: string; size: number; mediaType: string }[];
    };
    assert.equal(image.kind, 'registry');
    assert.equal(image.manifestDigest, gzipPush.manifestDigest);
    assert.equal(
      image.imageId,
      truth.gzip!.id,
      'config digest of a daemon image pushed as schema 2 is its docker image id',
    );
    assert.deepEqual(image.repoTags, [`${registry.host}/${REPO}:v1`]);
    assert.deepEqual(image.repoDigests, [`${registry.host}/${REPO}@${gzipPush.manifestDigest}`]);
    assert.deepEqual(image.config.rootfs.diff_ids, truth.gzip!.diffIDs);
    assert.deepEqual(
      image.layers.map((l) => [l.digest, l.size, l.mediaType, l.diffID]),
      manifest.layers.map((l, i) => [l.digest, l.size, l.mediaType, truth.gzip!.diffIDs[i]]),
    );
    const contents: string[] = [];
    for (let i = 0; i < image.layers.length; i++) {
      const blob = await readLayer(image, i);
      assert.equal(sha(blob), image.layers[i]!.digest);
      const tar = gunzipSync(blob);
      assert.equal(sha(tar), image.layers[i]!.diffID);
      contents.push(tar.toString('latin1'));
    }
    assert.match(contents[0]!, /hello from layer one/);
    assert.match(contents[1]!, /and from layer two/);
    await image.close();
  });

  it('opens by manifest digest', async () => {
    const image = await registrySource.open(
      `${registry.host}/${REPO}@${gzipPush.manifestDigest}`,
      opts(creds()),
    );
    assert.equal(image.imageId, truth.gzip!.id);
    assert.deepEqual(image.repoTags, []);
  });

  it('takes credentials from BULWARK_REGISTRY_USERNAME/PASSWORD', async () => {
    const saved = { u: process.env.BULWARK_REGISTRY_USERNAME, p: process.env.BULWARK_REGISTRY_PASSWORD };
    process.env.BULWARK_REGISTRY_USERNAME = registry.username;
    process.env.BULWARK_REGISTRY_PASSWORD = registry.password;
    try {
      const image = await registrySource.open(`${registry.host}/${REPO}:v1`, opts());
      assert.equal(image.manifestDigest, gzipPush.manifestDigest);
    } finally {
      if (saved.u === undefined) delete process.env.BULWARK_REGISTRY_USERNAME;
      else process.env.BULWARK_REGISTRY_USERNAME = saved.u;
      if (saved.p === undefined) delete process.env.BULWARK_REGISTRY_PASSWORD;
      else process.env.BULWARK_REGISTRY_PASSWORD = saved.p;
    }
  });

  it('takes credentials from a docker config.json', async () => {
    const configPath = join(work, 'docker-config.json');
    const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
    await writeFile(configPath, JSON.stringify({ auths: { [registry.host]: { auth } } }));
    const image = await registrySource.open(
      `${registry.host}/${REPO}:v1`,
      opts({ dockerConfigPath: configPath }),
    );
    assert.equal(image.manifestDigest, gzipPush.manifestDigest);
  });

  it('wrong password → REGISTRY_AUTH; no credentials → REGISTRY_AUTH', async () => {
    await assert.rejects(
      registrySource.open(
        `${registry.host}/${REPO}:v1`,
        opts({ username: registry.username, password: 'wrong' }),
      ),
      expectCode('REGISTRY_AUTH'),
    );
    await assert.rejects(
      registrySource.open(`${registry.host}/${REPO}:v1`, opts()),
      expectCode('REGISTRY_AUTH'),
    );
  });

  it('missing tag or repository → REGISTRY_NOT_FOUND', async () => {
    await assert.rejects(
      registrySource.open(`${registry.host}/${REPO}:no-such-tag`, opts(creds())),
      expectCode('REGISTRY_NOT_FOUND'),
    );
    await assert.rejects(
      registrySource.open(`${registry.host}/bulwark-test/no-such-repo:v1`, opts(creds())),
      expectCode('REGISTRY_NOT_FOUND'),
    );
  });

  it('delivers zstd layers (pushed by skopeo) raw, with their OCI media type', async () => {
    const image = await registrySource.open(`${registry.host}/${REPO}:zstd`, opts(creds()));
    const manifest = JSON.parse(zstdPush.rawManifest) as {
      config: { digest: string };
      layers: { digest: string }[];
    };
    assert.equal(image.manifestDigest, zstdPush.manifestDigest);
    assert.equal(image.imageId, manifest.config.digest);
    assert.deepEqual(image.config.rootfs.diff_ids, truth.zstd!.diffIDs, 'same content, same diffIDs');
    for (let i = 0; i < image.layers.length; i++) {
      const layer = image.layers[i]!;
      assert.equal(layer.mediaType, 'application/vnd.oci.image.layer.v1.tar+zstd');
      assert.equal(layer.digest, manifest.layers[i]!.digest);
      const blob = await readLayer(image, i);
      assert.deepEqual([...blob.subarray(0, 4)], [0x28, 0xb5, 0x2f, 0xfd], 'zstd magic');
      assert.equal(sha(zstdDecompress(blob)), layer.diffID);
    }
  });

  it('resolves a two-platform index: linux/amd64 by default, linux/arm64 on request', async () => {
    const ref = `${registry.host}/${REPO}-multi:v1`;
    const [amd64, arm64] = multi.images;
    const byDefault = await registrySource.open(ref, opts(creds()));
    assert.equal(byDefault.manifestDigest, amd64!.manifestDigest);
    assert.equal(byDefault.imageId, amd64!.configDigest);
    assert.equal(byDefault.config.architecture, 'amd64');
    assert.deepEqual(byDefault.repoDigests, [`${registry.host}/${REPO}-multi@${multi.indexDigest}`]);

    for (const platform of [
      { os: 'linux', architecture: 'arm64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ]) {
      const image = await registrySource.open(ref, opts(creds(), { platform }));
      assert.equal(image.manifestDigest, arm64!.manifestDigest);
      assert.equal(image.imageId, arm64!.configDigest);
      assert.equal(image.layers[0]!.digest, arm64!.layerDigest);
      assert.match(gunzipSync(await readLayer(image, 0)).toString('latin1'), /linux\/arm64\/v8/);
    }

    const byIndexDigest = await registrySource.open(
      `${registry.host}/${REPO}-multi@${multi.indexDigest}`,
      opts(creds()),
    );
    assert.equal(byIndexDigest.manifestDigest, amd64!.manifestDigest);

    await assert.rejects(
      registrySource.open(ref, opts(creds(), { platform: { os: 'linux', architecture: 's390x' } })),
      (err: unknown) =>
        expectCode('PLATFORM_NOT_FOUND')(err) && /linux\/arm64\/v8/.test((err as Error).message),
    );
  });
});
