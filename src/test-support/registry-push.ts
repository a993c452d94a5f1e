/**
 * Putting images into the test registry and OCI layouts, for tests of the sources:
 * - `pushImage`: an image of the test dockerd → the test registry, by skopeo (gzip or zstd,
 *   Docker schema 2 or OCI manifests);
 * - `writeOciLayout`: an image of the test dockerd → an OCI layout directory;
 * - `uploadBlob` / `putManifest` / `ociManifest` / `pushMultiPlatformIndex`: a registry's own HTTP API
 *   (the provisioned one, or a RegistryInstance as a PushTarget), for
 *   hand-made images (e.g. a two-platform index, which neither docker nor skopeo can build offline).
 */
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { run, testDocker, testRegistry } from './components.js';

export interface PushOptions {
  /** Manifest type in the registry (default: skopeo's choice, Docker schema 2 for daemon images). */
  format?: 'oci' | 'v2s2';
  /**
   * Layer compression; zstd implies OCI manifests. Caveat: skopeo's blob-info cache makes it
   * reuse blobs it already pushed for the same layer in another compression, so push an image
   * with fresh content (e.g. a nonce file) when the compression must really be zstd.
   */
  compression?: 'gzip' | 'zstd';
}

export interface PushedImage {
  /** `127.0.0.1:PORT/repo:tag` */
  ref: string;
  /** sha256 of the manifest as the registry stores it. */
  manifestDigest: string;
  /** The manifest bytes as the registry serves them (`skopeo inspect --raw`). */
  rawManifest: string;
}

function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function creds(): string {
  const registry = testRegistry();
  return `${registry.username}:${registry.password}`;
}

/** What skopeo reads: the raw manifest of `ref` (`host/repo:tag`) in the test registry. */
export function skopeoInspectRaw(ref: string): Promise<string> {
  return run('skopeo', ['inspect', '--raw', '--tls-verify=false', '--creds', creds(), `docker://${ref}`]);
}

/** Copies `image` (name or id in the test dockerd) to `repoTag` (`repo:tag`) in the test registry. */
export async function pushImage(
  image: string,
  repoTag: string,
  opts: PushOptions = {},
): Promise<PushedImage> {
  const ref = `${testRegistry().host}/${repoTag}`;
  const args = ['copy', '--quiet', '--src-daemon-host', testDocker().host, '--dest-tls-verify=false'];
  args.push('--dest-creds', creds());
  const format = opts.compression === 'zstd' ? 'oci' : opts.format;
  if (format) args.push('--format', format);
  if (opts.compression) args.push('--dest-compress-format', opts.compression);
  args.push(`docker-daemon:${image}`, `docker://${ref}`);
  await run('skopeo', args);
  const rawManifest = await skopeoInspectRaw(ref);
  return { ref, manifestDigest: sha256(rawManifest), rawManifest };
}

/** Writes `image` of the test dockerd into the OCI layout directory `dir` under `tag`. */
export async function writeOciLayout(image: string, dir: string, tag = 'latest'): Promise<void> {
  await run('skopeo', [
    'copy',
    '--quiet',
    '--src-daemon-host',
    testDocker().host,
    `docker-daemon:${image}`,
    `oci:${dir}:${tag}`,
  ]);
}

/** Writes `image` of the test dockerd as a `docker save`-style archive (what `docker save` makes). */
export async function dockerSaveTo(image: string, path: string): Promise<void> {
  await run('docker', ['save', '-o', path, image], { env: testDocker().env });
}

/**
 * Where hand-made blobs and manifests go: the provisioned registry by default, or any
 * registry that hands out an Authorization header per repository (a RegistryInstance).
 */
export interface PushTarget {
  /** `http://127.0.0.1:PORT` */
  url: string;
  authorization(repository: string): Promise<string | undefined> | string | undefined;
}

function provisioned(): PushTarget {
  const registry = testRegistry();
  const basic = `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}`;
  return { url: `http://${registry.host}`, authorization: () => basic };
}

async function authHeaders(target: PushTarget, repo: string): Promise<Record<string, string>> {
  const authorization = await target.authorization(repo);
  return authorization ? { authorization } : {};
}

/** Uploads `bytes` as a blob of `repo` (monolithic POST+PUT) and returns its digest. */
export async function uploadBlob(repo: string, bytes: Buffer, target = provisioned()): Promise<string> {
  const digest = sha256(bytes);
  const headers = await authHeaders(target, repo);
  const start = await fetch(`${target.url}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers });
  const location = start.headers.get('location');
  if (start.status !== 202 || !location)
    throw new Error(`blob upload start for ${repo}: HTTP ${start.status}`);
  const url = new URL(location, target.url);
  url.searchParams.set('digest', digest);
  const put = await fetch(url, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  if (put.status !== 201) throw new Error(`blob upload of ${digest} to ${repo}: HTTP ${put.status}`);
  return digest;
}

/** PUTs a manifest or index under `reference` (tag or digest) and returns its digest. */
export async function putManifest(
  repo: string,
  reference: string,
  mediaType: string,
  body: string,
  target = provisioned(),
): Promise<string> {
  const res = await fetch(`${target.url}/v2/${repo}/manifests/${reference}`, {
    method: 'PUT',
    headers: { ...(await authHeaders(target, repo)), 'content-type': mediaType },
    body,
  });
  if (res.status !== 201)
    throw new Error(`manifest PUT ${repo}:${reference}: HTTP ${res.status} ${await res.text()}`);
  return sha256(body);
}

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/** An OCI image manifest over an uploaded config (its JSON text) and gzip layers, bottom first. */
export function ociManifest(
  config: string,
  configDigest: string,
  layers: readonly { digest: string; size: number }[],
): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: configDigest,
      size: Buffer.byteLength(config),
    },
    layers: layers.map((l) => ({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: l.digest,
      size: l.size,
    })),
  });
}

/** A gzip'd layer tar holding the given files. */
export async function makeGzipLayer(
  files: Record<string, string>,
): Promise<{ blob: Buffer; diffID: string }> {
  const tar = pack();
  for (const [name, content] of Object.entries(files)) tar.entry({ name, mtime: new Date(0) }, content);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return { blob: gzipSync(raw), diffID: sha256(raw) };
}

export interface PlatformImage {
  platform: { os: string; architecture: string; variant?: string };
  manifestDigest: string;
  configDigest: string;
  layerDigest: string;
}

/**
 * Hand-builds one single-layer image per platform (its layer holds `/etc/bulwark-platform`
 * naming the platform) and an OCI index listing them, tagged `repo:tag`.
 */
export async function pushMultiPlatformIndex(
  repo: string,
  tag: string,
  platforms: PlatformImage['platform'][],
): Promise<{ indexDigest: string; images: PlatformImage[] }> {
  const images: PlatformImage[] = [];
  const entries: object[] = [];
  for (const platform of platforms) {
    const name = [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
    const layer = await makeGzipLayer({ 'etc/bulwark-platform': `${name}\n` });
    const layerDigest = await uploadBlob(repo, layer.blob);
    const config = JSON.stringify({
      ...platform,
      rootfs: { type: 'layers', diff_ids: [layer.diffID] },
      config: {},
    });
    const configDigest = await uploadBlob(repo, Buffer.from(config));
    const manifest = ociManifest(config, configDigest, [{ digest: layerDigest, size: layer.blob.length }]);
    const manifestDigest = sha256(manifest);
    await putManifest(repo, manifestDigest, OCI_MANIFEST, manifest);
    images.push({ platform, manifestDigest, configDigest, layerDigest });
    entries.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: manifestDigest,
      size: manifest.length,
      platform,
    });
  }
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: entries,
  });
  const indexDigest = await putManifest(repo, tag, 'application/vnd.oci.image.index.v1+json', index);
  return { indexDigest, images };
}

/** A throwaway directory; remove it with `rm(dir, { recursive: true, force: true })`. */
export function tempDir(prefix = 'bulwark-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
