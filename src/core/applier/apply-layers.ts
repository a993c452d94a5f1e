import { pickOS } from '../analyzer/os/pick-os.js';
import type { FoundPackage } from '../analyzer/types.js';
import { resolveInImage } from '../layer/resolve-path.js';
import type { FileResult, LayerResult } from '../layer/types.js';
import { isOsPackage, sortPackages } from '../sbom/format/package-order.js';
import type { LayerInfo, LayerLocation, OSInfo, Package, Unknown } from '../sbom/model.js';
import { buildPurl } from '../sbom/purl.js';
import { type AppliedPackage, foldDeclared } from './fold-declared.js';
import { ownedPathIndex } from './owned-files.js';
import { resolvePoms } from './resolve-poms.js';
import { supplementFilter } from './supplements.js';

export interface AppliedImage {
  os?: OSInfo;
  packages: Package[];
  unknowns: Unknown[];
}

interface Visible {
  layer: LayerInfo;
  results: FileResult[];
}

/** The `analyzer` of unknowns the applier itself reports (a package no full purl fits). */
export const purlAnalyzer = 'applier/purl';

/**
 * Merges per-layer results into the view of the final filesystem: later layers
 * replace files of earlier ones, whiteouts and opaque directories delete them.
 * Each package is credited to the layer that first brought it, counting only the
 * uninterrupted run of layers that kept it in the same file.
 */
export function applyLayers(layers: { info: LayerInfo; result: LayerResult }[]): AppliedImage {
  const visible = new Map<string, Visible>();
  const history = new Map<string, { layer: LayerInfo; keys: Set<string> }[]>();
  const symlinks = new Map<string, string>();

  const removeUnder = (dir: string, includeSelf: boolean) => {
    const prefix = dir === '' ? '' : `${dir}/`;
    for (const map of [visible, history, symlinks] as Map<string, unknown>[]) {
      for (const path of map.keys()) {
        if ((includeSelf && path === dir) || path.startsWith(prefix)) map.delete(path);
      }
    }
  };

  for (const { info, result } of layers) {
    for (const dir of result.opaqueDirs) removeUnder(dir, false);
    for (const path of result.whiteouts) removeUnder(path, true);
    const byPath = new Map<string, FileResult[]>();
    for (const fileResult of result.results) {
      const list = byPath.get(fileResult.path) ?? [];
      list.push(fileResult);
      byPath.set(fileResult.path, list);
    }
    for (const [path, results] of byPath) {
      visible.set(path, { layer: info, results });
      symlinks.delete(path);
      const keys = new Set(results.flatMap((r) => (r.result.packages ?? []).map(layerIdentity)));
      const past = history.get(path) ?? [];
      past.push({ layer: info, keys });
      history.set(path, past);
    }
    for (const [path, target] of Object.entries(result.symlinks)) {
      symlinks.set(path, target);
      visible.delete(path);
      history.delete(path);
    }
  }

  const osCandidates = [...visible.entries()].flatMap(([path, v]) =>
    v.results.flatMap((r) => (r.result.os ? [{ path, os: r.result.os }] : [])),
  );
  const os = pickOS(osCandidates, (path) => resolveInImage(path, symlinks));

  const owned = ownedPathIndex(
    [...visible.values()].flatMap((v) => v.results.flatMap((r) => r.result.ownedFiles ?? [])),
    symlinks,
  );
  const wanted = supplementFilter(visible);
  const packages: AppliedPackage[] = [];
  const unknowns: Unknown[] = [];
  for (const [path, v] of resolvePoms(visible)) {
    for (const { analyzer, result } of v.results) {
      for (const unknown of result.unknowns ?? [])
        unknowns.push({ ...unknown, analyzer, layer: toLocation(v.layer) });
      for (const found of result.packages ?? []) {
        const location = found.path ?? path;
        if (!isOsPackage(found) && owned.owns(location.split('!')[0] as string)) continue;
        if (!wanted(path, found)) continue;
        const origin = originLayer(history.get(path) ?? [], layerIdentity(found)) ?? v.layer;
        const { path: _ignored, supplements: _offered, ...rest } = found;
        packages.push({ ...rest, location: { path: location, layer: toLocation(origin) } });
      }
    }
  }
  const folded = foldDeclared(packages);
  for (const pkg of folded) {
    // A package no full purl fits is still reported; the gap is an unknown, never a crash.
    const { purl, gap } = buildPurl(pkg, os);
    if (purl) pkg.purl = purl;
    if (gap)
      unknowns.push({
        path: pkg.location.path,
        analyzer: purlAnalyzer,
        reason: gap,
        layer: pkg.location.layer,
      });
  }
  return { os, packages: sortPackages(folded), unknowns };
}

function originLayer(past: { layer: LayerInfo; keys: Set<string> }[], key: string): LayerInfo | undefined {
  let origin: LayerInfo | undefined;
  for (let i = past.length - 1; i >= 0; i--) {
    const entry = past[i] as { layer: LayerInfo; keys: Set<string> };
    if (!entry.keys.has(key)) break;
    origin = entry.layer;
  }
  return origin;
}

/** Identity across layers (no layer in it): the same record in a later layer keeps its origin. */
function layerIdentity(p: FoundPackage): string {
  return `${p.type}|${p.namespace ?? ''}|${p.name}|${p.version}|${p.arch ?? ''}|${p.path ?? ''}`;
}

function toLocation(layer: LayerInfo): LayerLocation {
  return { index: layer.index, diffID: layer.diffID, digest: layer.digest };
}
