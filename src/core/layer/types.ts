import type { AnalysisResult } from '../analyzer/types.js';

/** One analyzer's result for one file of one layer. */
export interface FileResult {
  analyzer: string;
  path: string;
  result: AnalysisResult;
}

/**
 * What one layer contributes, independent of every other layer — so it can be
 * cached under the layer's diffID and reused by any image that shares the layer.
 */
export interface LayerResult {
  diffID: string;
  /** Paths this layer deletes from the layers below (`.wh.<name>` entries). */
  whiteouts: string[];
  /** Directories whose lower-layer contents this layer hides (`.wh..wh..opq`). */
  opaqueDirs: string[];
  /** Every symlink in the layer: path → target as written in the tar header. */
  symlinks: Record<string, string>;
  results: FileResult[];
}

export interface WalkLimits {
  /** Most bytes a layer may decompress to. */
  maxLayerBytes: number;
  /** Past `ratioCheckAfter` decompressed bytes, a larger expansion ratio is treated as a bomb. */
  maxRatio: number;
  ratioCheckAfter: number;
}

export const defaultWalkLimits: WalkLimits = {
  maxLayerBytes: 32 * 1024 ** 3,
  maxRatio: 200,
  ratioCheckAfter: 128 * 1024 ** 2,
};
