import { BulwarkError } from '../../errors.js';
import {
  hostPlatform,
  type ParsedManifest,
  parseImageConfig,
  parseManifest,
  selectPlatform,
} from '../oci-manifest.js';
import type { ImageLayer, ImageSource, OpenedImage, SourceOptions } from '../types.js';
import { verifyDigestStream } from '../verify-digest.js';
import { familiarName, type ImageReference, parseReference } from './parse-reference.js';
import { type FetchedManifest, RegistryClient } from './registry-client.js';

const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

type ImageManifest = Extract<ParsedManifest, { kind: 'image' }>;

interface Resolved {
  /** The digest the user's tag (or digest) points at: an index for multi-platform images. */
  topDigest: string;
  /** The image manifest for the chosen platform. */
  fetched: FetchedManifest;
  manifest: ImageManifest;
}

/** Fetches the reference's manifest and, for an index, the chosen platform's manifest. */
async function resolveManifest(
  client: RegistryClient,
  ref: ImageReference,
  options: SourceOptions,
  name: string,
): Promise<Resolved> {
  const top = await client.getManifest(ref.digest ?? ref.tag ?? 'latest');
  const parsed = parseManifest(top.bytes, top.contentType, name, 'REGISTRY_BAD_RESPONSE');
  if (parsed.kind === 'image') return { topDigest: top.digest, fetched: top, manifest: parsed };

  const entry = selectPlatform(parsed.manifests, options.platform ?? hostPlatform(), name);
  const child = await client.getManifest(entry.digest);
  const childParsed = parseManifest(
    child.bytes,
    child.contentType,
    `${name}@${entry.digest}`,
    'REGISTRY_BAD_RESPONSE',
  );
  if (childParsed.kind !== 'image') {
    throw new BulwarkError('MANIFEST_INVALID', `${name}: index entry ${entry.digest} is itself an index`);
  }
  return { topDigest: top.digest, fetched: child, manifest: childParsed };
}

/**
 * The image config: from the caller's blob store when it holds it (a registry scan of an
 * image seen before, under any repository), else fetched and stored there.
 */
async function configOf(client: RegistryClient, digest: string, options: SourceOptions): Promise<Buffer> {
  const kept = await options.blobs?.get(digest);
  if (kept) return kept;
  const bytes = await client.getBlobBytes(digest, MAX_CONFIG_BYTES);
  await options.blobs?.put(digest, bytes).catch(() => undefined);
  return bytes;
}

/**
 * Opens an image straight from a registry speaking the OCI distribution API.
 * `location` is a Docker reference: `alpine:3.20`, `127.0.0.1:5055/debian:bookworm`,
 * `ghcr.io/org/app@sha256:…`. Only manifests and the config are fetched here; layer blobs
 * are streamed on `open()` and verified against their digest at end of stream.
 */
async function openRegistryImage(location: string, options: SourceOptions): Promise<OpenedImage> {
  const ref = parseReference(location);
  const name = `${familiarName(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
  const client = new RegistryClient(ref, {
    ...options.registry,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const { topDigest, fetched, manifest } = await resolveManifest(client, ref, options, name);

  const configBytes = await configOf(client, manifest.config.digest, options);
  const config = parseImageConfig(configBytes, name);
  if (config.rootfs.diff_ids.length !== manifest.layers.length) {
    throw new BulwarkError(
      'MANIFEST_INVALID',
      `${name}: manifest lists ${manifest.layers.length} layers but the config has ${config.rootfs.diff_ids.length} diff_ids`,
    );
  }
  const wanted = options.platform;
  if (
    wanted &&
    config.architecture &&
    (config.architecture !== wanted.architecture || config.os !== wanted.os)
  ) {
    throw new BulwarkError(
      'PLATFORM_NOT_FOUND',
      `${name} is ${config.os}/${config.architecture}, not the requested ${wanted.os}/${wanted.architecture}`,
    );
  }

  const layers: ImageLayer[] = manifest.layers.map((descriptor, i) => {
    const layer: ImageLayer = {
      digest: descriptor.digest,
      diffID: config.rootfs.diff_ids[i]!,
      open: async () =>
        verifyDigestStream(
          await client.openBlob(descriptor.digest),
          descriptor.digest,
          `layer ${descriptor.digest} of ${name}`,
        ),
      digestVerified: true,
    };
    if (descriptor.mediaType !== undefined) layer.mediaType = descriptor.mediaType;
    if (descriptor.size !== undefined) layer.size = descriptor.size;
    return layer;
  });

  return {
    kind: 'registry',
    ref: location,
    imageId: manifest.config.digest,
    repoTags: ref.tag ? [`${familiarName(ref)}:${ref.tag}`] : [],
    repoDigests: [`${familiarName(ref)}@${topDigest}`],
    manifestDigest: fetched.digest,
    config,
    layers,
    // Nothing is held open between calls: each blob stream closes itself.
    close: async () => undefined,
  };
}

export const registrySource: ImageSource = {
  scheme: 'registry',
  open: openRegistryImage,
};
