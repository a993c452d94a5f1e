import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Analyzer } from '../analyzer/types.js';
import type { LayerResult } from '../layer/types.js';

/** Bump when the walker's own output changes shape. */
const walkerVersion = 1;

export interface LayerCache {
  get(key: string): Promise<LayerResult | undefined>;
  /** Cheap existence check, without reading the entry. */
  has(key: string): Promise<boolean>;
  put(key: string, value: LayerResult): Promise<void>;
}

/**
 * The key covers the layer and every analyzer's name and version, so fixing one
 * analyzer (and bumping its version) re-analyzes layers instead of serving stale results.
 */
export function layerCacheKey(diffID: string, analyzers: readonly Analyzer[]): string {
  const names = analyzers.map((a) => `${a.name}@${a.version}`).join(',');
  return createHash('sha256').update(`walker@${walkerVersion}|${diffID}|${names}`).digest('hex');
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BULWARK_CACHE_DIR) return env.BULWARK_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'bulwark');
}

/** One JSON file per layer under `<dir>/layers/`, written atomically. */
export function fsLayerCache(dir: string): LayerCache {
  const layersDir = join(dir, 'layers');
  return {
    async get(key) {
      try {
        const text = await readFile(join(layersDir, `${key}.json`), 'utf8');
        return JSON.parse(text) as LayerResult;
      } catch {
        // Missing or unreadable entries are simply misses: the layer is analyzed again.
        return undefined;
      }
    },
    has: (key) =>
      access(join(layersDir, `${key}.json`)).then(
        () => true,
        () => false,
      ),
    async put(key, value) {
      await mkdir(layersDir, { recursive: true });
      const file = join(layersDir, `${key}.json`);
      const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, JSON.stringify(value));
      await rename(temp, file);
    },
  };
}

export const noLayerCache: LayerCache = {
  get: async () => undefined,
  has: async () => false,
  put: async () => {},
};
