import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BulwarkError } from '../../errors.js';
import { readSaveArchive } from '../archive/docker-archive-source.js';
import { spoolArchive } from '../archive/open-archive.js';
import { TarIndex } from '../archive/tar-index.js';
import { parseImageConfig } from '../oci-manifest.js';
import type { ImageLayer, ImageSource, OpenedImage, SourceOptions } from '../types.js';
import { connectDocker, dockerError } from './docker-client.js';

type Docker = Awaited<ReturnType<typeof connectDocker>>;

/**
 * Opens an image held by a Docker Engine (`location` = name, name:tag, name@digest or id).
 * The engine's `docker save` stream is written to the scan's temp dir and read by the
 * docker-archive reader — one archive reader for both — then the identity fields are
 * taken from the engine's own inspect data, which knows every tag and digest.
 * `docker save` writes the whole image, so it is asked for only when needed: when the
 * caller already holds the config (by the image id, which is its digest) and every
 * layer's results, the image opens without it, and a layer opened anyway (a cache
 * entry gone bad) runs the save then.
 */
async function openDockerImage(location: string, options: SourceOptions): Promise<OpenedImage> {
  const engine = await connectDocker(options.docker);
  const image = engine.docker.getImage(location);
  let info: Awaited<ReturnType<typeof image.inspect>>;
  try {
    info = await image.inspect();
  } catch (err) {
    throw dockerError(err, engine.endpoint, `image "${location}"`);
  }
  const identity = {
    kind: 'docker' as const,
    ref: location,
    imageId: info.Id,
    repoTags: info.RepoTags ?? [],
    repoDigests: info.RepoDigests ?? [],
  };
  const diffIDs = info.RootFS?.Layers ?? [];
  const known = await knownImage(info.Id, diffIDs, options);
  if (known) {
    const save = lazySave(engine, info.Id, location, options);
    const layers: ImageLayer[] = diffIDs.map((diffID) => ({
      digest: diffID,
      diffID,
      open: () => save.layer(diffID),
    }));
    return { ...identity, config: known, layers, close: save.close };
  }
  // Layer members are offered to the caller as they arrive, while the archive is
  // written for the index: it reads the ones its cache lacks in this same pass.
  options.passing?.expect(diffIDs);
  const archivePath = await saveImage(engine, info.Id, location, options, true);
  try {
    const { image: opened, configBytes } = await readSaveArchive(await TarIndex.build(archivePath), location);
    await options.blobs?.put(info.Id, configBytes).catch(() => {});
    return { ...opened, ...identity, close: () => rm(archivePath, { force: true }) };
  } catch (err) {
    await rm(archivePath, { force: true });
    throw err;
  }
}

/** The image's config, when the caller holds it and the results of every layer. */
async function knownImage(imageId: string, diffIDs: string[], options: SourceOptions) {
  const { blobs, layerCached } = options;
  if (!blobs || !layerCached || diffIDs.length === 0) return undefined;
  const cached = await Promise.all(diffIDs.map(layerCached));
  if (cached.includes(false)) return undefined;
  const bytes = await blobs.get(imageId);
  if (!bytes) return undefined;
  const config = parseImageConfig(bytes, `config ${imageId}`);
  const same =
    config.rootfs.diff_ids.length === diffIDs.length &&
    config.rootfs.diff_ids.every((d, i) => d === diffIDs[i]);
  return same ? config : undefined;
}

/** Writes `docker save` of `id` into the temp dir; returns its path. */
async function saveImage(
  engine: Docker,
  id: string,
  location: string,
  options: SourceOptions,
  offerLayers: boolean,
): Promise<string> {
  // Save by id: a name could be retagged to another image between inspect and save.
  const archivePath = join(options.tempDir, `docker-save-${randomUUID()}.tar`);
  try {
    const stream = (await engine.docker.getImage(id).get()) as Readable;
    await spoolArchive(stream, archivePath, {
      label: `docker save of "${location}"`,
      compression: 'none',
      ...(offerLayers && options.passing ? { passing: options.passing } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return archivePath;
  } catch (err) {
    await rm(archivePath, { force: true });
    if (options.signal?.aborted) throw err;
    throw dockerError(err, engine.endpoint, `docker save of "${location}"`);
  }
}

/** `docker save`, run the first time a layer is opened and shared by every layer after. */
function lazySave(engine: Docker, id: string, location: string, options: SourceOptions) {
  let saved: Promise<{ path: string; image: OpenedImage }> | undefined;
  const open = async () => {
    const path = await saveImage(engine, id, location, options, false);
    return { path, image: (await readSaveArchive(await TarIndex.build(path), location)).image };
  };
  return {
    async layer(diffID: string): Promise<Readable> {
      saved ??= open();
      const { image } = await saved;
      const layer = image.layers.find((l) => l.diffID === diffID);
      if (!layer)
        throw new BulwarkError('MANIFEST_INVALID', `docker save of "${location}" has no layer ${diffID}`);
      return layer.open();
    },
    async close(): Promise<void> {
      const done = await saved?.catch(() => undefined);
      if (done) await rm(done.path, { force: true });
    },
  };
}

export const dockerSource: ImageSource = {
  scheme: 'docker',
  open: openDockerImage,
};
