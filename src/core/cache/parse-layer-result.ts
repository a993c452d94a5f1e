import { isRecord } from '../analyzer/parse-result.js';
import type { AnalysisResult } from '../analyzer/types.js';
import type { FileResult, LayerResult } from '../layer/types.js';

/**
 * Reads a cache entry back. The file is outside Bulwark's control between runs (a
 * full disk cuts it short, another version or program may have written it), so it
 * is checked against the key it must carry and against the shape the applier
 * relies on; anything else is a miss and the layer is analyzed again.
 */
export function parseLayerResult(text: string, key: string): LayerResult | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(entry) || entry.key !== key) return undefined;
  const value = entry.result;
  if (
    !isRecord(value) ||
    typeof value.diffID !== 'string' ||
    !isStringArray(value.whiteouts) ||
    !isStringArray(value.opaqueDirs) ||
    !isRecord(value.symlinks) ||
    !Object.values(value.symlinks).every((t) => typeof t === 'string') ||
    !Array.isArray(value.results) ||
    !value.results.every(isFileResult)
  ) {
    return undefined;
  }
  return value as unknown as LayerResult;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isFileResult(value: unknown): value is FileResult {
  return (
    isRecord(value) &&
    typeof value.analyzer === 'string' &&
    typeof value.path === 'string' &&
    isAnalysisResult(value.result)
  );
}

function isAnalysisResult(value: unknown): value is AnalysisResult {
  if (!isRecord(value)) return false;
  const { os, packages, ownedFiles, unknowns } = value;
  if (os !== undefined && !(isRecord(os) && typeof os.family === 'string' && typeof os.version === 'string'))
    return false;
  if (ownedFiles !== undefined && !isStringArray(ownedFiles)) return false;
  if (
    packages !== undefined &&
    !(
      Array.isArray(packages) &&
      packages.every(
        (p) =>
          isRecord(p) &&
          typeof p.type === 'string' &&
          typeof p.name === 'string' &&
          typeof p.version === 'string',
      )
    )
  )
    return false;
  return (
    unknowns === undefined ||
    (Array.isArray(unknowns) &&
      unknowns.every((u) => isRecord(u) && typeof u.path === 'string' && typeof u.reason === 'string'))
  );
}
