import { BulwarkError, isBulwarkError } from '../errors.js';
import type { SourceKind } from '../sbom/model.js';
import { detectLocalPath } from './local-path.js';
import type { ImageSource, OpenedImage, SourceOptions } from './types.js';

/** A source as listed here: opening it loads its module (the Docker client, the registry client…). */
export interface ListedSource extends ImageSource {
  load(): Promise<ImageSource>;
}

function lazy(scheme: SourceKind, load: () => Promise<ImageSource>): ListedSource {
  return { scheme, load, open: async (location, options) => (await load()).open(location, options) };
}

/**
 * Every image source, in one list; the scheme is what users type before the colon.
 * Each loads with the first image it opens, so a scan of an archive never loads the
 * Docker or registry clients.
 */
export const imageSources: readonly ListedSource[] = [
  lazy(
    'docker-archive',
    async () => (await import('./archive/docker-archive-source.js')).dockerArchiveSource,
  ),
  lazy('oci', async () => (await import('./archive/oci-source.js')).ociSource),
  lazy('oci-archive', async () => (await import('./archive/oci-source.js')).ociArchiveSource),
  lazy('docker', async () => (await import('./docker/docker-source.js')).dockerSource),
  lazy('registry', async () => (await import('./registry/registry-source.js')).registrySource),
  lazy('dir', async () => (await import('./dir/dir-source.js')).dirSource),
  lazy('rootfs', async () => (await import('./dir/dir-source.js')).rootfsSource),
];

const listed = (scheme: SourceKind) => imageSources.find((s) => s.scheme === scheme) as ListedSource;

export function parseImageRef(ref: string): { source?: ImageSource; location: string } {
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const scheme = ref.slice(0, colon) as SourceKind;
    const source = imageSources.find((s) => s.scheme === scheme);
    if (source) return { source, location: ref.slice(colon + 1) };
  }
  return { location: ref };
}

/**
 * Opens `scheme:location`; a bare reference that is a local path by what the file
 * is; else the local daemon first and then the registry, as `docker run` and other
 * scanners do. When both fail, the error says what each of them answered.
 */
export async function openImage(ref: string, options: SourceOptions): Promise<OpenedImage> {
  if (ref.trim() === '') throw new BulwarkError('IMAGE_REF_INVALID', 'empty image reference');
  const { source, location } = parseImageRef(ref);
  if (source) {
    if (location === '')
      throw new BulwarkError('IMAGE_REF_INVALID', `${ref}: nothing after "${source.scheme}:"`);
    return source.open(location, options);
  }
  const local = await detectLocalPath(ref);
  if (local?.kind === 'sbom') {
    throw new BulwarkError(
      'IMAGE_REF_INVALID',
      `${ref}: an SBOM file, not an image (scan it with \`bulwark scan sbom\`)`,
    );
  }
  if (local) return openImage(local.ref, options);
  try {
    return await listed('docker').open(ref, options);
  } catch (daemonError) {
    if (
      !isBulwarkError(daemonError, 'IMAGE_NOT_FOUND') &&
      !isBulwarkError(daemonError, 'SOURCE_UNAVAILABLE')
    ) {
      throw daemonError;
    }
    try {
      return await listed('registry').open(ref, options);
    } catch (registryError) {
      const d = (daemonError as Error).message;
      const r = registryError instanceof Error ? registryError.message : String(registryError);
      const code = isBulwarkError(registryError) ? registryError.code : 'IMAGE_NOT_FOUND';
      throw new BulwarkError(code, `${ref}: not in the local daemon (${d}); registry: ${r}`, {
        cause: registryError,
      });
    }
  }
}
