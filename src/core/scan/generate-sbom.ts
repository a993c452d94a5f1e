import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzerIdentities, loadAnalyzers } from '../analyzer/analyzer-identities.js';
import type { Analyzer } from '../analyzer/types.js';
import { applyLayers } from '../applier/apply-layers.js';
import { defaultCacheDir, fsLayerCache, type LayerCache, noLayerCache } from '../cache/layer-cache.js';
import { BulwarkError } from '../errors.js';
import type { WalkLimits } from '../layer/types.js';
import type { LayerInfo, Sbom } from '../sbom/model.js';
import { LayerChannel } from '../source/layer-channel.js';
import { openImage } from '../source/sources.js';
import type { OpenedImage, SourceOptions } from '../source/types.js';
import { type EarlyWalk, keyOf, type LayerContext, layerResult, walkPassingLayers } from './layer-results.js';

export type ScanProgress =
  | { kind: 'opened'; layers: number }
  | { kind: 'layer'; index: number; total: number; cached: boolean };

export interface GenerateSbomOptions
  extends Omit<SourceOptions, 'tempDir' | 'passing' | 'layerCached' | 'blobs'> {
  /** Layer cache directory; `false` turns caching off. Default: ~/.cache/bulwark. */
  cacheDir?: string | false;
  analyzers?: readonly Analyzer[];
  limits?: WalkLimits;
  /** Where the private temp dir is created (default: the OS temp dir). */
  tempRoot?: string;
  /** Layers analyzed at once. */
  concurrency?: number;
  onProgress?: (event: ScanProgress) => void;
  /**
   * Accept an SBOM even when an OS package database is malformed. Off by default:
   * a half-read dpkg/rpm/apk database would silently hide packages, and with them
   * vulnerabilities. Unreadable application files are always only warnings.
   */
  allowPartial?: boolean;
}

/** The whole SBOM pipeline: open the image, walk (or recall) each layer, merge. */
export async function generateSbom(ref: string, options: GenerateSbomOptions = {}): Promise<Sbom> {
  const tempDir = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'bulwark-'));
  let image: OpenedImage | undefined;
  const { analyzers } = options;
  const cache: LayerCache =
    options.cacheDir === false ? noLayerCache : fsLayerCache(options.cacheDir ?? defaultCacheDir());
  const ctx: LayerContext = {
    identities: analyzers ?? analyzerIdentities,
    analyzers: analyzers ? async () => analyzers : loadAnalyzers,
    cache,
    tempDir,
    limits: options.limits,
  };
  // Ask the cache, then open, then walk: a single-pass source offers its layer
  // members here while it opens, and only those the cache lacks are read then.
  const passing = new LayerChannel();
  const earlyWalks = walkPassingLayers(passing, ctx);
  try {
    try {
      image = await openImage(ref, {
        ...options,
        tempDir,
        passing,
        layerCached: (diffID) => cache.has(keyOf(diffID, ctx)),
        blobs: {
          get: (digest) => cache.getBlob(digest),
          put: (digest, bytes) => cache.putBlob(digest, bytes),
        },
      });
    } finally {
      passing.close();
    }
    const early: EarlyWalk[] = await earlyWalks;
    options.onProgress?.({ kind: 'opened', layers: image.layers.length });
    const infos = describeLayers(image);
    const opened = image;
    const applied = image.tree
      ? await applyTree(image.tree, ctx)
      : applyLayers(
          await mapLimit(image.layers, options.concurrency ?? 3, async (layer, index) => {
            const result = await layerResult(layer, ctx, early);
            options.onProgress?.({
              kind: 'layer',
              index,
              total: opened.layers.length,
              cached: result.cached,
            });
            return { info: infos[index] as LayerInfo, result: result.value };
          }),
        );
    const brokenDb = applied.unknowns.find((u) => u.analyzer.startsWith('pkg/'));
    if (brokenDb && !options.allowPartial) {
      throw new BulwarkError(
        'PACKAGE_DB_CORRUPT',
        `${ref}: /${brokenDb.path}: ${brokenDb.reason} (use --allow-partial to accept an incomplete SBOM)`,
      );
    }
    const sbom: Sbom = {
      bomFormat: 'bulwark-sbom',
      schemaVersion: 1,
      image: {
        ref,
        kind: image.kind,
        imageId: image.imageId,
        repoTags: image.repoTags,
        repoDigests: image.repoDigests,
        ...(image.manifestDigest ? { manifestDigest: image.manifestDigest } : {}),
        ...(image.config.architecture ? { architecture: image.config.architecture } : {}),
        ...(image.config.os ? { os: image.config.os } : {}),
      },
      layers: infos,
      packages: applied.packages,
      unknowns: applied.unknowns,
    };
    if (applied.os) sbom.os = applied.os;
    return sbom;
  } finally {
    // Walks still running when opening failed must end before their temp dir goes.
    await earlyWalks.catch(() => {});
    await image?.close().catch(() => {});
    await rm(tempDir, { recursive: true, force: true });
  }
}

/**
 * A directory (`dir:`, `rootfs:`) is walked as one layer and merged the same way,
 * so symlinks resolve and OS databases claim their files exactly as in an image;
 * then the layer is taken off again, since a directory has none.
 */
async function applyTree(tree: NonNullable<OpenedImage['tree']>, ctx: LayerContext) {
  const { walkTree } = await import('../layer/walk-tree.js');
  const result = await walkTree(tree.root, {
    analyzers: await ctx.analyzers(),
    tempDir: ctx.tempDir,
    skip: tree.skip,
  });
  const applied = applyLayers([{ info: { index: 0, digest: '', diffID: '' }, result }]);
  for (const item of [...applied.packages.map((p) => p.location), ...applied.unknowns]) delete item.layer;
  return applied;
}

/** Pairs each layer with its `created_by` from the config history (empty layers have no tar). */
function describeLayers(image: OpenedImage): LayerInfo[] {
  const history = (image.config.history ?? []).filter((h) => !h.empty_layer);
  return image.layers.map((layer, index) => {
    const info: LayerInfo = { index, digest: layer.digest, diffID: layer.diffID };
    if (layer.size !== undefined) info.size = layer.size;
    const createdBy = history[index]?.created_by;
    if (createdBy) info.createdBy = createdBy;
    return info;
  });
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
) {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
