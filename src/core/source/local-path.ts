/**
 * What a plain path is. `bulwark sbom image.tar` must scan the file, never ask the
 * daemon and then Docker Hub for an image named "image.tar" — which would also send
 * local file names to a registry. A reference that exists on disk, or that looks
 * like a path, is recognised by its content here and never leaves the machine.
 */
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BulwarkError } from '../errors.js';
import { sniffCompression } from '../layer/decompress.js';
import { TarIndex } from './archive/tar-index.js';

export type LocalInput =
  | { kind: 'image'; ref: string; format: 'docker-archive' | 'oci-archive' | 'oci' }
  | { kind: 'sbom'; path: string };

/** Names that can only be paths: image references never start like these or end in a file extension. */
function looksLikePath(ref: string): boolean {
  return (
    /^(\/|\.{1,2}\/|~\/)/.test(ref) ||
    /\.(tar|tar\.gz|tgz|tar\.zst|json|cdx|spdx|xml|yaml|yml)$/i.test(ref) ||
    ref.includes('\\')
  );
}

async function readHead(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(size);
    const { bytesRead } = await handle.read(head, 0, size, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

async function classifyTar(path: string): Promise<LocalInput> {
  const index = await TarIndex.build(path);
  // Docker ≥ 25 writes both layouts in one save archive; its manifest.json names the tags.
  if (index.has('manifest.json'))
    return { kind: 'image', ref: `docker-archive:${path}`, format: 'docker-archive' };
  if (index.has('oci-layout') || index.has('index.json'))
    return { kind: 'image', ref: `oci-archive:${path}`, format: 'oci-archive' };
  throw new BulwarkError(
    'INPUT_INVALID',
    `${path}: a tar archive, but neither a docker save archive (manifest.json) nor an OCI layout (oci-layout)`,
  );
}

/**
 * `undefined` when `ref` is not a local path (let the daemon and registry have it);
 * otherwise what the file or directory holds. A path-like name that does not exist,
 * or an existing file that holds nothing Bulwark reads, is an error rather than a
 * registry lookup. A bare name (`nginx`) that happens to match an unrelated folder in
 * the working directory stays an image name, unless `strict` (`--input`) says it is a path.
 */
export async function detectLocalPath(
  ref: string,
  opts: { strict?: boolean } = {},
): Promise<LocalInput | undefined> {
  const pathLike = opts.strict === true || looksLikePath(ref);
  const info = await stat(ref).catch(() => undefined);
  if (!info) {
    if (!pathLike) return undefined;
    throw new BulwarkError('IMAGE_NOT_FOUND', `${ref}: no such file or directory`);
  }
  const found = await classify(ref, info.isDirectory(), info.isFile());
  if (typeof found !== 'string') return found;
  // An existing file is always meant as a path; a plain folder may share an image's name.
  if (!pathLike && info.isDirectory()) return undefined;
  throw new BulwarkError('INPUT_INVALID', `${ref}: ${found}`);
}

/** What the entry is, or why it is nothing Bulwark reads. */
async function classify(ref: string, directory: boolean, file: boolean): Promise<LocalInput | string> {
  if (directory) {
    if (await isFile(join(ref, 'oci-layout'))) return { kind: 'image', ref: `oci:${ref}`, format: 'oci' };
    return 'a directory, but not an OCI image layout (no oci-layout file)';
  }
  if (!file) return 'not a regular file or directory';
  const head = await readHead(ref, 512);
  // A compressed archive is decompressed by the docker-archive source, which names what it finds.
  if (sniffCompression(head) !== 'none')
    return { kind: 'image', ref: `docker-archive:${ref}`, format: 'docker-archive' };
  if (head.length === 512 && head.subarray(257, 262).toString('latin1') === 'ustar') return classifyTar(ref);
  const text = head.toString('utf8').trimStart();
  if (text.startsWith('{')) return { kind: 'sbom', path: ref };
  return 'not an image archive (docker save, OCI), OCI layout directory or JSON SBOM (CycloneDX, SPDX, Bulwark)';
}
