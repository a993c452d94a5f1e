import { BulwarkError } from '../../errors.js';
import { parseImageConfig } from '../oci-manifest.js';
import type { ImageLayer, ImageSource, OpenedImage } from '../types.js';
import { sha256Digest } from '../verify-digest.js';
import { openArchive } from './open-archive.js';
import type { TarIndex } from './tar-index.js';

interface SaveManifestEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

function parseSaveManifest(bytes: Buffer, label: string): SaveManifestEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BulwarkError('MANIFEST_INVALID', `${label}: manifest.json is not valid JSON`);
  }
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (e) =>
        e &&
        typeof e.Config === 'string' &&
        Array.isArray(e.Layers) &&
        e.Layers.every((l: unknown) => typeof l === 'string'),
    );
  if (!ok) throw new BulwarkError('MANIFEST_INVALID', `${label}: manifest.json does not describe an image`);
  return value as SaveManifestEntry[];
}

/** Picks the entry for `name:tag` when the archive holds several images, else the first. */
function pickEntry(
  entries: SaveManifestEntry[],
  wanted: string | undefined,
  label: string,
): SaveManifestEntry {
  if (!wanted) return entries[0] as SaveManifestEntry;
  const found = entries.find((e) => (e.RepoTags ?? []).includes(wanted));
  if (!found) throw new BulwarkError('IMAGE_NOT_FOUND', `${label}: archive has no image tagged ${wanted}`);
  return found;
}

export async function openSaveArchive(index: TarIndex, label: string, wanted?: string): Promise<OpenedImage> {
  return (await readSaveArchive(index, label, wanted)).image;
}

/** As `openSaveArchive`, with the config's own bytes (which hash to the image id). */
export async function readSaveArchive(
  index: TarIndex,
  label: string,
  wanted?: string,
): Promise<{ image: OpenedImage; configBytes: Buffer }> {
  if (!index.has('manifest.json')) {
    throw new BulwarkError('MANIFEST_INVALID', `${label}: not a docker save archive (no manifest.json)`);
  }
  const entry = pickEntry(parseSaveManifest(await index.read('manifest.json'), label), wanted, label);
  const configBytes = await index.read(entry.Config);
  const config = parseImageConfig(configBytes, label);
  const diffIDs = config.rootfs.diff_ids;
  if (diffIDs.length !== entry.Layers.length) {
    throw new BulwarkError(
      'MANIFEST_INVALID',
      `${label}: config and manifest disagree on the number of layers`,
    );
  }
  const layers: ImageLayer[] = entry.Layers.map((member, i) => {
    // Docker ≥25 stores layers as OCI blobs named by digest; older ones as <id>/layer.tar (uncompressed).
    const blob = /^blobs\/(\w+)\/([a-f0-9]+)$/.exec(member);
    return {
      digest: blob ? `${blob[1]}:${blob[2]}` : (diffIDs[i] as string),
      diffID: diffIDs[i] as string,
      open: async () => index.stream(member),
    };
  });
  const image: OpenedImage = {
    kind: 'docker-archive',
    ref: label,
    imageId: sha256Digest(configBytes),
    repoTags: entry.RepoTags ?? [],
    repoDigests: [],
    config,
    layers,
    close: async () => {},
  };
  return { image, configBytes };
}

/** `docker-archive:PATH[:name:tag]` — a `docker save` tarball, plain or compressed. */
export const dockerArchiveSource = {
  scheme: 'docker-archive',
  async open(location, options) {
    const { path, tag } = splitArchiveLocation(location);
    const index = await openArchive(path, options.tempDir, options.passing);
    return openSaveArchive(index, path, tag);
  },
} satisfies ImageSource;

/**
 * `archive.tar:repo:tag` → path + tag, but only when the part before the colon
 * names no existing file-ish path (paths may contain colons too).
 */
export function splitArchiveLocation(location: string): { path: string; tag?: string } {
  const match = /^(.*?\.(?:tar|tar\.gz|tgz|tar\.zst))(?::(.+))?$/.exec(location);
  if (match?.[2]) return { path: match[1] as string, tag: match[2] };
  return { path: location };
}
