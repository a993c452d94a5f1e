import { createReadStream } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BulwarkError } from '../../errors.js';
import type { ImageSource, OpenedImage, SourceOptions } from '../types.js';
import { type LayoutFiles, resolveLayout } from './oci-layout.js';
import { openArchive } from './open-archive.js';

function dirFiles(dir: string): LayoutFiles {
  const root = resolve(dir);
  const inside = (path: string) => {
    const full = resolve(root, path);
    if (!full.startsWith(`${root}/`))
      throw new BulwarkError('MANIFEST_INVALID', `${dir}: path ${path} escapes the layout`);
    return full;
  };
  return {
    label: dir,
    read: (path) =>
      readFile(inside(path)).catch((err) => {
        throw new BulwarkError('MANIFEST_INVALID', `${dir}: missing ${path}`, { cause: err });
      }),
    stream: (path) => createReadStream(inside(path), { highWaterMark: 1024 * 1024 }),
    has: (path) =>
      access(inside(path)).then(
        () => true,
        () => false,
      ),
  };
}

/** `DIR:tag` or `DIR`, the way skopeo writes OCI references. */
function splitTag(location: string): { path: string; tag?: string } {
  const colon = location.lastIndexOf(':');
  if (colon > 0 && !location.slice(colon).includes('/')) {
    return { path: location.slice(0, colon), tag: location.slice(colon + 1) };
  }
  return { path: location };
}

async function openLayout(
  files: LayoutFiles,
  kind: 'oci' | 'oci-archive',
  location: string,
  tag: string | undefined,
  options: SourceOptions,
): Promise<OpenedImage> {
  const layout = await resolveLayout(files, tag, options.platform);
  return {
    kind,
    ref: location,
    imageId: layout.configDigest,
    repoTags: layout.refName ? [layout.refName] : [],
    repoDigests: [],
    manifestDigest: layout.manifestDigest,
    config: layout.config,
    layers: layout.layers,
    close: async () => {},
  };
}

/** `oci:DIR[:tag]` — an OCI image layout directory. */
export const ociSource = {
  scheme: 'oci',
  async open(location, options) {
    let { path, tag } = splitTag(location);
    // A directory whose own name has a colon: prefer the literal path when it exists.
    if (
      tag &&
      (await stat(location).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    ) {
      path = location;
      tag = undefined;
    }
    if (
      !(await stat(path).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    ) {
      throw new BulwarkError('IMAGE_NOT_FOUND', `${path}: no such OCI layout directory`);
    }
    return openLayout(dirFiles(path), 'oci', location, tag, options);
  },
} satisfies ImageSource;

/** `oci-archive:PATH[:tag]` — an OCI layout packed in a tar. */
export const ociArchiveSource = {
  scheme: 'oci-archive',
  async open(location, options) {
    let { path, tag } = splitTag(location);
    if (
      tag &&
      (await stat(location).then(
        (s) => s.isFile(),
        () => false,
      ))
    ) {
      path = location;
      tag = undefined;
    }
    const index = await openArchive(path, options.tempDir, options.passing);
    const files: LayoutFiles = {
      label: path,
      read: (p) => index.read(p),
      stream: (p) => index.stream(p),
      has: async (p) => index.has(p),
    };
    return openLayout(files, 'oci-archive', location, tag, options);
  },
} satisfies ImageSource;
