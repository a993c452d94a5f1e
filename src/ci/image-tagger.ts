/**
 * Marks the build's images for the CI/CD sensor: each image id is resolved on the Docker
 * Engine (an unknown id is a USAGE error before anything is tagged) and tagged
 * `<trigger>:<12-hex id>`, the tag the sensor scans first and removes after its upload.
 */
import type Docker from 'dockerode';
import { BulwarkError } from '../core/errors.js';
import { connectDocker, dockerError } from '../core/source/docker/docker-client.js';

export interface ResolvedImage {
  /** As the user gave it. */
  given: string;
  /** `sha256:<64 hex>`. */
  sha: string;
  /** 12 hex, as `docker images` shows it. */
  shortId: string;
  repoTags: string[];
}

export interface DockerTarget {
  host?: string;
  certPath?: string;
}

export async function openDocker(target: DockerTarget): Promise<{ docker: Docker; endpoint: string }> {
  return connectDocker({
    ...(target.host ? { host: target.host } : {}),
    ...(target.certPath ? { certPath: target.certPath } : {}),
  });
}

export async function resolveImages(
  docker: Docker,
  endpoint: string,
  ids: readonly string[],
): Promise<ResolvedImage[]> {
  const out: ResolvedImage[] = [];
  for (const given of ids) {
    let info: Docker.ImageInspectInfo;
    try {
      info = await docker.getImage(given).inspect();
    } catch (err) {
      const coded = dockerError(err, endpoint, `image ${given}`);
      if (coded.code === 'IMAGE_NOT_FOUND')
        throw new BulwarkError(
          'USAGE',
          `image id ${given}: no such image on the Docker Engine at ${endpoint}`,
          {
            cause: err,
          },
        );
      throw coded;
    }
    const sha = info.Id;
    // The same image named twice (short id and full sha, or a tag) is polled once.
    if (out.some((image) => image.sha === sha)) continue;
    out.push({
      given,
      sha,
      shortId: sha.replace(/^sha256:/, '').slice(0, 12),
      repoTags: info.RepoTags ?? [],
    });
  }
  return out;
}

export function triggerTagOf(trigger: string, image: ResolvedImage): string {
  return `${trigger}:${image.shortId}`;
}

/** Tags the image for the sensor; returns the tag. Tagging twice is harmless. */
export async function tagForScan(
  docker: Docker,
  endpoint: string,
  trigger: string,
  image: ResolvedImage,
): Promise<string> {
  try {
    await docker.getImage(image.sha).tag({ repo: trigger, tag: image.shortId });
  } catch (err) {
    throw dockerError(err, endpoint, `tagging ${image.shortId} as ${trigger}:${image.shortId}`);
  }
  return triggerTagOf(trigger, image);
}
