import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BulwarkError } from '../../errors.js';
import type { ImageSource, OpenedImage } from '../types.js';

/**
 * Virtual filesystems of a running system: their files are not installed software,
 * and reading them can block (`/proc/kmsg`) or never end.
 */
const liveSystemDirs = ['proc', 'sys', 'dev'];

async function openTree(kind: 'dir' | 'rootfs', location: string): Promise<OpenedImage> {
  const info = await stat(location).catch((err) => {
    throw new BulwarkError('IMAGE_NOT_FOUND', `${location}: no such directory`, { cause: err });
  });
  if (!info.isDirectory()) throw new BulwarkError('IMAGE_REF_INVALID', `${location}: not a directory`);
  // The root itself may be reached through a symlink the user named; inside it, none is followed.
  const root = await realpath(resolve(location));
  return {
    kind,
    ref: location,
    imageId: '',
    repoTags: [],
    repoDigests: [],
    config: { rootfs: { type: 'layers', diff_ids: [] } },
    layers: [],
    tree: { root, skip: kind === 'rootfs' ? liveSystemDirs : [] },
    close: async () => {},
  };
}

/** `dir:PATH` — a directory such as a project checkout, scanned in place with the image analyzers. */
export const dirSource = {
  scheme: 'dir',
  open: (location) => openTree('dir', location),
} satisfies ImageSource;

/**
 * `rootfs:PATH` — an unpacked root filesystem (or `/` of a running system): the same
 * walk as `dir:`, but the live-system directories `/proc`, `/sys` and `/dev` are not entered.
 */
export const rootfsSource = {
  scheme: 'rootfs',
  open: (location) => openTree('rootfs', location),
} satisfies ImageSource;
