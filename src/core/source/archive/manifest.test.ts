import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isBulwarkError } from '../../errors.js';
import { sha256Digest as sha256 } from '../verify-digest.js';
import { selectManifest } from './manifest.js';

// An OCI layout in memory: blobs by digest, as skopeo and `docker save` (≥25) write them.
function store() {
  const blobs = new Map<string, Buffer>();
  const put = (value: unknown) => {
    const bytes = Buffer.from(JSON.stringify(value));
    const digest = sha256(bytes);
    blobs.set(digest, bytes);
    return { digest, size: bytes.length };
  };
  const readBlob = async (digest: string) => {
    const bytes = blobs.get(digest);
    if (!bytes) throw new Error(`no blob ${digest}`);
    return bytes;
  };
  return { put, readBlob, blobs };
}

const manifestFor = (arch: string) => ({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: {
    mediaType: 'application/vnd.oci.image.config.v1+json',
    digest: `sha256:${arch.padEnd(64, '0')}`,
    size: 1,
  },
  layers: [],
});

describe('selectManifest', () => {
  const s = store();
  const amd64 = s.put(manifestFor('a'));
  const arm64 = s.put(manifestFor('b'));
  const list = s.put({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        ...amd64,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        platform: { os: 'linux', architecture: 'amd64' },
      },
      {
        ...arm64,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      },
    ],
  });
  const layoutIndex = {
    schemaVersion: 2,
    manifests: [
      { ...list, annotations: { 'org.opencontainers.image.ref.name': 'multi' } },
      { ...amd64, annotations: { 'org.opencontainers.image.ref.name': 'single' } },
    ],
  };
  const indexBytes = Buffer.from(JSON.stringify(layoutIndex));
  const opts = { label: 'layout', readBlob: s.readBlob };

  test('follows a tag through a nested index to the requested platform', async () => {
    const arm = await selectManifest(indexBytes, {
      ...opts,
      tag: 'multi',
      platform: { os: 'linux', architecture: 'arm64' },
    });
    assert.equal(arm.digest, arm64.digest);
    assert.equal(arm.refName, 'multi');
    const amd = await selectManifest(indexBytes, {
      ...opts,
      tag: 'multi',
      platform: { os: 'linux', architecture: 'amd64' },
    });
    assert.equal(amd.digest, amd64.digest);
  });

  test('a variant must match when one is asked for', async () => {
    await assert.rejects(
      selectManifest(indexBytes, {
        ...opts,
        tag: 'multi',
        platform: { os: 'linux', architecture: 'arm64', variant: 'v7' },
      }),
      (err) =>
        isBulwarkError(err, 'PLATFORM_NOT_FOUND') &&
        /linux\/arm64\/v7 \(it offers: linux\/amd64, linux\/arm64\/v8\)/.test(err.message),
    );
  });

  test('an unknown tag, and a manifest whose bytes do not match its digest', async () => {
    await assert.rejects(selectManifest(indexBytes, { ...opts, tag: 'nope' }), (err) =>
      isBulwarkError(err, 'IMAGE_NOT_FOUND'),
    );
    s.blobs.set(amd64.digest, Buffer.from('{"tampered":true}'));
    await assert.rejects(selectManifest(indexBytes, { ...opts, tag: 'single' }), (err) =>
      isBulwarkError(err, 'LAYER_DIGEST_MISMATCH'),
    );
  });
});
