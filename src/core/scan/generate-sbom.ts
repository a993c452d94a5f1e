import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { analyzers as defaultAnalyzers } from '../analyzer/analyzers.js';
import type { Analyzer } from '../analyzer/types.js';
import { applyLayers } from '../applier/apply-layers.js';
import {
  defaultCacheDir,
  fsLayerCache,
  type LayerCache,
  layerCacheKey,
  noLayerCache,
} from '../cache/layer-cache.js';
import { BulwarkError } from '../errors.js';
import type { LayerResult, WalkLimits } from '../layer/types.js';
import { walkLayer } from '../layer/walk-layer.js';
import type { LayerInfo, Sbom } from '../sbom/model.js';
import { openImage } from '../source/sources.js';
import type { ImageLayer, OpenedImage, SourceOptions } from '../source/types.js';

export type ScanProgress =
  | { kind: 'opened'; layers: number }
  | { kind: 'layer'; index: number; total: number; cached: boolean };

export interface GenerateSbomOptions extends Omit<SourceOptions, 'tempDir'> {
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
  const analyzers = options.analyzers ?? defaultAnalyzers;
  const limits = options.limits;
  // Layers a compressed archive hands over while it is decompressed, walked in the
  // same pass; matched to the config's diffIDs once the manifest (last) is read.
  const early: Promise<LayerResult | undefined>[] = [];
  const onArchiveLayer = (member: string, stream: Readable) => {
    const walk = walkLayer(stream, { analyzers, label: member, tempDir, ...(limits ? { limits } : {}) });
    // A member that is not a layer, or a broken one, is walked again the normal way, which reports it.
    early.push(walk.catch(() => undefined));
  };
  const cache: LayerCache =
    options.cacheDir === false ? noLayerCache : fsLayerCache(options.cacheDir ?? defaultCacheDir());
  const layerNeeded = async (diffID: string) => !(await cache.has(layerCacheKey(diffID, analyzers)));
  try {
    image = await openImage(ref, { ...options, tempDir, onArchiveLayer, layerNeeded });
    options.onProgress?.({ kind: 'opened', layers: image.layers.length });
    const prewalked = await Promise.all(early);
    const infos = describeLayers(image);
    const opened = image;
    const results = await mapLimit(image.layers, options.concurrency ?? 3, async (layer, index) => {
      const result = await analyzeLayer(layer, { analyzers, cache, tempDir, limits, prewalked });
      options.onProgress?.({ kind: 'layer', index, total: opened.layers.length, cached: result.cached });
      return result.value;
    });
    const applied = applyLayers(infos.map((info, i) => ({ info, result: results[i] as LayerResult })));
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
    await image?.close().catch(() => {});
    await rm(tempDir, { recursive: true, force: true });
  }
}

async function analyzeLayer(
  layer: ImageLayer,
  ctx: {
    analyzers: readonly Analyzer[];
    cache: LayerCache;
    tempDir: string;
    limits: WalkLimits | undefined;
    prewalked: (LayerResult | undefined)[];
  },
): Promise<{ value: LayerResult; cached: boolean }> {
  const key = layerCacheKey(layer.diffID, ctx.analyzers);
  const hit = await ctx.cache.get(key);
  if (hit) return { value: hit, cached: true };
  const value =
    ctx.prewalked.find((r) => r?.diffID === layer.diffID) ??
    (await walkLayer(await layer.open(), {
      analyzers: ctx.analyzers,
      diffID: layer.diffID,
      // A blob its source already verifies is not hashed a second time.
      ...(layer.digestVerified ? {} : { digest: layer.digest }),
      tempDir: ctx.tempDir,
      ...(ctx.limits ? { limits: ctx.limits } : {}),
    }));
  // A full disk or read-only cache must not fail the scan: the result is still good.
  await ctx.cache.put(key, value).catch(() => {});
  return { value, cached: false };
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
