import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AnalyzerIdentity } from '../analyzer/analyzer-identities.js';
import { defaultMaxFileSize } from '../analyzer/types.js';
import { defaultWalkLimits, type LayerResult, type WalkLimits } from '../layer/types.js';
import { parseLayerResult } from './parse-layer-result.js';

/** Bump when the walker's own output changes shape or meaning. */
const walkerVersion = 2;

export interface LayerCache {
  get(key: string): Promise<LayerResult | undefined>;
  /** Cheap existence check, without reading the entry. */
  has(key: string): Promise<boolean>;
  put(key: string, value: LayerResult): Promise<void>;
  /**
   * The diffID an archive member held the last time it was read. Only a hint, used
   * to decide whether to read a member during a single-pass source's stream; the
   * layer's result is still looked up (and verified) by the diffID its config gives.
   */
  recallMember(member: string): Promise<string | undefined>;
  rememberMember(member: string, diffID: string): Promise<void>;
  /** Small content-addressed blobs (image configs); only bytes that hash to `digest` come back. */
  getBlob(digest: string): Promise<Buffer | undefined>;
  putBlob(digest: string, bytes: Buffer): Promise<void>;
}

/** Everything besides the layer's bytes that decides what its walk returns. */
export interface LayerKeyInputs {
  /** The analyzers (or just their identities: an `Analyzer` is one). */
  analyzers: readonly AnalyzerIdentity[];
  limits?: WalkLimits;
}

/**
 * The key covers the layer, every analyzer's name, version and file-size cap, and
 * the walk limits: change any of them and every layer is analyzed again, since one
 * key holds the results of all analyzers together (a version bump of one analyzer
 * re-walks all layers, not just those holding its files).
 */
export function layerCacheKey(diffID: string, inputs: LayerKeyInputs): string {
  const names = inputs.analyzers
    .map((a) => `${a.name}@${a.version}<${a.maxFileSize ?? defaultMaxFileSize}`)
    .join(',');
  const { maxLayerBytes, maxRatio, ratioCheckAfter } = inputs.limits ?? defaultWalkLimits;
  const limits = `${maxLayerBytes}/${maxRatio}/${ratioCheckAfter}`;
  return createHash('sha256').update(`walker@${walkerVersion}|${diffID}|${names}|${limits}`).digest('hex');
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BULWARK_CACHE_DIR) return env.BULWARK_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'bulwark');
}

/** Digests (diffIDs, image ids) as the cache accepts them: nothing else becomes a file name. */
const diffIdPattern = /^sha256:[a-f0-9]{64}$/;

/**
 * One JSON file per layer under `<dir>/layers/`, written atomically. Each entry
 * names its own key, and is checked against it and its expected shape when read:
 * a corrupt, truncated or foreign file is a miss, never a crash.
 */
export function fsLayerCache(dir: string): LayerCache {
  const layersDir = join(dir, 'layers');
  const membersDir = join(dir, 'members');
  const blobsDir = join(dir, 'blobs');
  const memberFile = (member: string) => join(membersDir, createHash('sha256').update(member).digest('hex'));
  return {
    async get(key) {
      const text = await readFile(join(layersDir, `${key}.json`), 'utf8').catch(() => undefined);
      return text === undefined ? undefined : parseLayerResult(text, key);
    },
    has: (key) =>
      access(join(layersDir, `${key}.json`)).then(
        () => true,
        () => false,
      ),
    async put(key, value) {
      await writeAtomic(layersDir, `${key}.json`, JSON.stringify({ key, result: value }));
    },
    async recallMember(member) {
      const text = await readFile(memberFile(member), 'utf8').catch(() => '');
      return diffIdPattern.test(text) ? text : undefined;
    },
    async rememberMember(member, diffID) {
      if (!diffIdPattern.test(diffID)) return;
      const file = memberFile(member);
      await writeAtomic(membersDir, file.slice(membersDir.length + 1), diffID);
    },
    async getBlob(digest) {
      if (!diffIdPattern.test(digest)) return undefined;
      const bytes = await readFile(join(blobsDir, digest.slice(7))).catch(() => undefined);
      return bytes && sha256(bytes) === digest ? bytes : undefined;
    },
    async putBlob(digest, bytes) {
      if (diffIdPattern.test(digest) && sha256(bytes) === digest)
        await writeAtomic(blobsDir, digest.slice(7), bytes);
    },
  };
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function writeAtomic(dir: string, name: string, text: string | Buffer): Promise<void> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

export const noLayerCache: LayerCache = {
  get: async () => undefined,
  has: async () => false,
  put: async () => {},
  recallMember: async () => undefined,
  rememberMember: async () => {},
  getBlob: async () => undefined,
  putBlob: async () => {},
};
