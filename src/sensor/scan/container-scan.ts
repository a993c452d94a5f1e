/**
 * Scanning for the sensor, on top of src/core: an image is `generateSbom('docker:<id>')`
 * with the layer cache in Storage; a container is its image's layers plus its writable
 * layer. The writable layer is rebuilt as a small tar from the Engine API: `changes`
 * lists what the container added, changed and deleted; only files an analyzer wants are
 * fetched (`archive`), deletions become whiteouts, and the usual layer merge produces
 * the container's packages — which is how the server sees software added or removed
 * inside a running container (rogue).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { extract, pack } from 'tar-stream';
import { analyzers } from '../../core/analyzer/analyzers.js';
import { applyLayers } from '../../core/applier/apply-layers.js';
import { fsLayerCache, layerCacheKey } from '../../core/cache/layer-cache.js';
import { BulwarkError } from '../../core/errors.js';
import type { LayerResult } from '../../core/layer/types.js';
import { walkLayer } from '../../core/layer/walk-layer.js';
import type { Sbom } from '../../core/sbom/model.js';
import { generateSbom } from '../../core/scan/generate-sbom.js';
import type { DockerOptions } from '../../core/source/types.js';

export interface ScanEnv {
  docker: Docker;
  dockerOptions: DockerOptions;
  cacheDir: string;
  tempRoot: string;
}

export function scanImage(env: ScanEnv, imageId: string): Promise<Sbom> {
  return generateSbom(`docker:${imageId}`, {
    docker: env.dockerOptions,
    cacheDir: env.cacheDir,
    tempRoot: env.tempRoot,
    concurrency: 1,
    allowPartial: true,
  });
}

interface Change {
  Path: string;
  Kind: number;
}

/** Reads the files the analyzers want out of a container into a layer tar (entries relative to /). */
async function writableLayer(env: ScanEnv, containerId: string): Promise<Buffer> {
  const container = env.docker.getContainer(containerId);
  // The Engine answers `null` (not `[]`) for a container that changed nothing.
  const raw: unknown = await container.changes();
  const changes = (Array.isArray(raw) ? (raw as Change[]) : []).filter((c) => typeof c?.Path === 'string');
  const out = pack();
  const chunks: Buffer[] = [];
  out.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  for (const change of changes) {
    const rel = change.Path.replace(/^\/+/, '');
    if (change.Kind === 2) {
      out.entry(
        { name: posix.join(posix.dirname(rel), `.wh.${posix.basename(rel)}`), size: 0 },
        Buffer.alloc(0),
      );
      continue;
    }
    if (!analyzers.some((a) => a.wants({ path: rel, size: 1, mode: 0o100644 }))) continue;
    const archive = (await container.getArchive({ path: change.Path }).catch(() => undefined)) as
      | NodeJS.ReadableStream
      | undefined;
    if (!archive) continue; // gone since `changes`: nothing to read
    await copyEntries(archive, posix.dirname(rel), out);
  }
  out.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** Copies the regular files of an archive stream (named by basename) under `dir`. */
function copyEntries(
  archive: NodeJS.ReadableStream,
  dir: string,
  out: ReturnType<typeof pack>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const ex = extract();
    ex.on('entry', (header, stream, next) => {
      if (header.type !== 'file') {
        stream.resume();
        stream.on('end', next);
        return;
      }
      const parts: Buffer[] = [];
      stream.on('data', (c: unknown) => parts.push(c as Buffer));
      stream.on('end', () => {
        const body = Buffer.concat(parts);
        out.entry(
          { name: posix.join(dir, header.name), size: body.length, mode: header.mode ?? 0o644 },
          body,
        );
        next();
      });
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
    archive.pipe(ex);
  });
}

/** The container's SBOM: its image's layers (from the cache the image scan filled) plus its writable layer. */
export async function scanContainer(env: ScanEnv, containerId: string, imageId: string): Promise<Sbom> {
  const image = await scanImage(env, imageId);
  const cache = fsLayerCache(env.cacheDir);
  const layers: { info: Sbom['layers'][number]; result: LayerResult }[] = [];
  for (const info of image.layers) {
    const result = await cache.get(layerCacheKey(info.diffID, { analyzers }));
    if (!result)
      throw new BulwarkError('CACHE_ERROR', `layer ${info.diffID} of ${imageId} is not in the sensor cache`);
    layers.push({ info, result });
  }
  const tempDir = await mkdtemp(join(env.tempRoot ?? tmpdir(), 'bulwark-ctr-'));
  try {
    const tar = await writableLayer(env, containerId);
    const result = await walkLayer(Readable.from(tar), {
      analyzers,
      tempDir,
      label: `container ${containerId.slice(0, 12)}`,
    });
    const info = {
      index: layers.length,
      digest: result.diffID,
      diffID: result.diffID,
      createdBy: 'container writable layer',
    };
    const applied = applyLayers([...layers, { info, result }]);
    const sbom: Sbom = {
      ...image,
      layers: [...image.layers, info],
      packages: applied.packages,
      unknowns: applied.unknowns,
    };
    if (applied.os) sbom.os = applied.os;
    return sbom;
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}
