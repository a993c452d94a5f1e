import type { Readable } from 'node:stream';
import type { AnalyzerIdentity } from '../analyzer/analyzer-identities.js';
import type { Analyzer } from '../analyzer/types.js';
import { type LayerCache, layerCacheKey } from '../cache/layer-cache.js';
import type { LayerResult, WalkLimits } from '../layer/types.js';
import type { WalkOptions } from '../layer/walk-layer.js';
import type { LayerChannel } from '../source/layer-channel.js';
import type { ImageLayer } from '../source/types.js';

export interface LayerContext {
  /** What the cache keys are computed from: the analyzers' names, versions and caps. */
  identities: readonly AnalyzerIdentity[];
  /**
   * The analyzers themselves, asked for only when a layer is walked: a warm scan
   * answers every layer from the cache and never loads a parser.
   */
  analyzers: () => Promise<readonly Analyzer[]>;
  cache: LayerCache;
  tempDir: string;
  limits: WalkLimits | undefined;
}

/** A layer member read during a single-pass source's stream, before its config was known. */
export interface EarlyWalk {
  member: string;
  result: LayerResult;
}

export const keyOf = (diffID: string, ctx: LayerContext) =>
  layerCacheKey(diffID, { analyzers: ctx.identities, ...(ctx.limits ? { limits: ctx.limits } : {}) });

/**
 * Pulls the members a single-pass source offers while it opens. For each one the
 * cache is asked first, by the diffID the member is known to hold (the one it held
 * the last time this archive was read, or its blob digest); only a member the cache
 * cannot answer is taken and walked in the stream, so a warm rescan analyzes
 * nothing and a cold one still reads once. A member nothing is known about is
 * walked only when no layer of the image is cached (when the source can say which
 * diffIDs to expect); otherwise it is let by and the layers the cache lacks are
 * opened afterwards. A member that is not a layer, or a broken one, yields nothing
 * here: the layer is opened again afterwards, which reports the problem properly.
 */
export async function walkPassingLayers(channel: LayerChannel, ctx: LayerContext): Promise<EarlyWalk[]> {
  const walks: Promise<EarlyWalk | undefined>[] = [];
  let noneCached: Promise<boolean> | undefined;
  const isCached = (diffID: string) => ctx.cache.has(keyOf(diffID, ctx));
  for await (const passing of channel) {
    const diffID = (await ctx.cache.recallMember(passing.member)) ?? passing.digest;
    const known = diffID !== undefined && (await isCached(diffID));
    const expected = channel.expected;
    noneCached ??= expected
      ? Promise.all(expected.map(isCached)).then((hits) => !hits.includes(true))
      : Promise.resolve(true);
    if (known || (diffID === undefined && !(await noneCached))) {
      passing.skip();
      continue;
    }
    walks.push(
      walk(() => passing.take(), ctx, { label: passing.member }).then(
        (result) => ({ member: passing.member, result }),
        () => undefined,
      ),
    );
  }
  return (await Promise.all(walks)).filter((w): w is EarlyWalk => w !== undefined);
}

/**
 * One layer's result: from the cache, else from a walk made during the source's
 * stream (matched by the diffID its content hashed to), else by opening and
 * walking the layer now. Fresh results are stored for the next scan.
 */
export async function layerResult(
  layer: ImageLayer,
  ctx: LayerContext,
  early: readonly EarlyWalk[],
): Promise<{ value: LayerResult; cached: boolean }> {
  const key = keyOf(layer.diffID, ctx);
  const hit = await ctx.cache.get(key);
  if (hit) return { value: hit, cached: true };
  const prewalked = early.find((w) => w.result.diffID === layer.diffID);
  const value =
    prewalked?.result ??
    (await walk(() => layer.open(), ctx, {
      diffID: layer.diffID,
      // A blob its source already verifies is not hashed a second time.
      ...(layer.digestVerified ? {} : { digest: layer.digest }),
    }));
  // A full disk or read-only cache must not fail the scan: the result is still good.
  await ctx.cache.put(key, value).catch(() => {});
  // Lets the next single-pass read of an archive holding this layer recognise its
  // member before the manifest: by the name it had, or by the blob it is stored as.
  const member = prewalked?.member ?? (layer.digest !== layer.diffID ? blobMember(layer.digest) : undefined);
  if (member) await ctx.cache.rememberMember(member, layer.diffID).catch(() => {});
  return { value, cached: false };
}

/** Where an OCI layout keeps a blob: `blobs/<algorithm>/<hex>`. */
function blobMember(digest: string): string | undefined {
  const match = /^(sha256|sha512):([a-f0-9]+)$/.exec(digest);
  return match ? `blobs/${match[1]}/${match[2]}` : undefined;
}

/**
 * The walker, its decompressors and the analyzers load with the first layer that is
 * not cached, and before the layer is opened: a stream must not start (or fail)
 * before the walker listens to it.
 */
async function walk(
  open: () => Readable | Promise<Readable>,
  ctx: LayerContext,
  options: Pick<WalkOptions, 'diffID' | 'digest' | 'label'>,
): Promise<LayerResult> {
  const [{ walkLayer }, analyzers] = await Promise.all([import('../layer/walk-layer.js'), ctx.analyzers()]);
  return walkLayer(await open(), {
    ...options,
    analyzers,
    tempDir: ctx.tempDir,
    ...(ctx.limits ? { limits: ctx.limits } : {}),
  });
}
