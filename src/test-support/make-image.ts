import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** One tar entry for a synthetic layer. */
export interface EntrySpec {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
}

/** Builds an uncompressed layer tar in memory with tar-stream. */
export async function makeLayer(entries: EntrySpec[]): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    tar.on('end', () => resolve());
    tar.on('error', reject);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    const header = { name: e.name, type, mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644) };
    if (type === 'file') {
      const body = typeof e.content === 'string' ? Buffer.from(e.content) : (e.content ?? Buffer.alloc(0));
      tar.entry({ ...header, size: body.length }, body);
    } else {
      tar.entry({ ...header, linkname: e.linkname ?? '' });
    }
  }
  tar.finalize();
  await done;
  return Buffer.concat(chunks);
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Writes a `docker save`-style archive (legacy layout) holding the given layer tars. */
export async function writeDockerArchive(
  path: string,
  layers: Buffer[],
  opts: { tag?: string; gzip?: boolean; history?: string[] } = {},
): Promise<{ imageId: string; diffIDs: string[] }> {
  const diffIDs = layers.map(sha256);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: diffIDs },
      history: layers.map((_, i) => ({ created_by: opts.history?.[i] ?? `layer ${i}` })),
    }),
  );
  const configName = `${sha256(config).slice(7)}.json`;
  const entries: EntrySpec[] = [{ name: configName, content: config }];
  const layerNames = layers.map((layer, i) => {
    const dir = sha256(Buffer.concat([Buffer.from(String(i)), layer])).slice(7);
    entries.push({ name: `${dir}/`, type: 'directory' }, { name: `${dir}/layer.tar`, content: layer });
    return `${dir}/layer.tar`;
  });
  const manifest = [{ Config: configName, RepoTags: opts.tag ? [opts.tag] : null, Layers: layerNames }];
  entries.push({ name: 'manifest.json', content: JSON.stringify(manifest) });
  const archive = await makeLayer(entries);
  await writeFile(path, opts.gzip ? gzipSync(archive) : archive);
  return { imageId: sha256(config), diffIDs };
}
