import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { dockerArchiveSource } from '../archive/docker-archive-source.js';
import { spoolArchive } from '../archive/open-archive.js';
import type { ImageSource, OpenedImage, SourceOptions } from '../types.js';
import { connectDocker, dockerError } from './docker-client.js';

/**
 * Opens an image held by a Docker Engine (`location` = name, name:tag, name@digest or id).
 * The engine's `docker save` stream is written to the scan's temp dir and read by the
 * docker-archive source — one archive reader for both — then the identity fields are
 * taken from the engine's own inspect data, which knows every tag and digest.
 */
async function openDockerImage(location: string, options: SourceOptions): Promise<OpenedImage> {
  const { docker, endpoint } = await connectDocker(options.docker);
  const image = docker.getImage(location);
  let info: Awaited<ReturnType<typeof image.inspect>>;
  try {
    info = await image.inspect();
  } catch (err) {
    throw dockerError(err, endpoint, `image "${location}"`);
  }

  // Save by id: a name could be retagged to another image between inspect and save.
  const archivePath = join(options.tempDir, `docker-save-${randomUUID()}.tar`);
  try {
    // Layer members are offered to the caller as they arrive, while the archive is
    // written for the index: it reads the ones its cache lacks in this same pass.
    options.passing?.expect(info.RootFS?.Layers ?? []);
    const stream = (await docker.getImage(info.Id).get()) as Readable;
    await spoolArchive(stream, archivePath, {
      label: `docker save of "${location}"`,
      compression: 'none',
      ...(options.passing ? { passing: options.passing } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    await rm(archivePath, { force: true });
    if (options.signal?.aborted) throw err;
    throw dockerError(err, endpoint, `docker save of "${location}"`);
  }

  let opened: OpenedImage;
  try {
    opened = await dockerArchiveSource.open(archivePath, { ...options, passing: undefined });
  } catch (err) {
    await rm(archivePath, { force: true });
    throw err;
  }
  return {
    ...opened,
    kind: 'docker',
    ref: location,
    imageId: info.Id,
    repoTags: info.RepoTags ?? [],
    repoDigests: info.RepoDigests ?? [],
    close: async () => {
      try {
        await opened.close();
      } finally {
        await rm(archivePath, { force: true });
      }
    },
  };
}

export const dockerSource: ImageSource = {
  scheme: 'docker',
  open: openDockerImage,
};
