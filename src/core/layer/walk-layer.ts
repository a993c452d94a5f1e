import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Header, extract as tarExtract } from 'tar-stream';
import { type Analyzer, type AnalysisResult, defaultMaxFileSize, type FileInfo } from '../analyzer/types.js';
import { BulwarkError, isBulwarkError } from '../errors.js';
import { decompressor, MeasureStream, peek, sniffCompression } from './decompress.js';
import { classifyWhiteout, normalizeEntryPath } from './entry-path.js';
import { defaultWalkLimits, type FileResult, type LayerResult, type WalkLimits } from './types.js';

export interface WalkOptions {
  analyzers: readonly Analyzer[];
  /** Expected digest of the raw blob; checked when it differs from the diffID. */
  digest?: string;
  diffID: string;
  tempDir: string;
  limits?: WalkLimits;
}

interface Pending {
  analyzer: Analyzer;
  path: string;
  promise: Promise<AnalysisResult>;
}

/**
 * Streams one layer once: decompresses it (gzip, zstd or plain, sniffed), checks
 * its digests, records whiteouts and symlinks, and hands every file an analyzer
 * asked for to that analyzer. Nothing is written to disk.
 */
export async function walkLayer(raw: Readable, options: WalkOptions): Promise<LayerResult> {
  const { analyzers, diffID } = options;
  const limits = options.limits ?? defaultWalkLimits;
  const label = `layer ${diffID}`;
  const result: LayerResult = { diffID, whiteouts: [], opaqueDirs: [], symlinks: {}, results: [] };
  const pending: Pending[] = [];
  const captured = new Map<string, Buffer>();

  const head = await peek(raw, 4).catch((err) => {
    throw corrupt(label, err);
  });
  const rawMeasure = new MeasureStream(label);
  const plainMeasure = new MeasureStream(label, { limits, compressedBytes: () => rawMeasure.bytes });
  const extract = tarExtract();

  const consume = async () => {
    for await (const entry of extract) {
      const header: Header = entry.header;
      const path = normalizeEntryPath(header.name, diffID);
      if (path === '') {
        entry.resume();
        continue;
      }
      const whiteout = classifyWhiteout(path);
      if (whiteout?.kind === 'opaque') result.opaqueDirs.push(whiteout.dir);
      else if (whiteout?.kind === 'whiteout') result.whiteouts.push(whiteout.path);
      else if (header.type === 'symlink' && header.linkname) result.symlinks[path] = header.linkname;
      else if (header.type === 'file' || header.type === 'contiguous-file' || header.type === 'link') {
        await analyzeEntry(path, header, entry);
        continue;
      }
      entry.resume();
    }
  };

  const analyzeEntry = async (path: string, header: Header, entry: TarEntry) => {
    const hardlinkTarget =
      header.type === 'link' && header.linkname ? normalizeEntryPath(header.linkname, diffID) : undefined;
    const linkedContent = hardlinkTarget === undefined ? undefined : captured.get(hardlinkTarget);
    const info: FileInfo = {
      path,
      size: linkedContent?.length ?? header.size ?? 0,
      mode: header.mode ?? 0o644,
    };
    const wanted = analyzers.filter((a) => a.wants(info));
    if (wanted.length === 0 || (hardlinkTarget !== undefined && linkedContent === undefined)) {
      entry.resume();
      return;
    }
    const readable = wanted.filter((a) => info.size <= (a.maxFileSize ?? defaultMaxFileSize));
    for (const a of wanted) {
      if (readable.includes(a)) continue;
      result.results.push({
        analyzer: a.name,
        path,
        result: { unknowns: [{ path, reason: `file too large to analyze (${info.size} bytes)` }] },
      });
    }
    const content = linkedContent ?? (readable.length > 0 ? await readAll(entry, info.size) : undefined);
    if (content === undefined) {
      entry.resume();
      return;
    }
    captured.set(path, content);
    for (const analyzer of readable) {
      const input = { ...info, content, tempDir: options.tempDir };
      const promise = Promise.resolve()
        .then(() => analyzer.analyze(input))
        .catch((err: unknown) => ({
          unknowns: [{ path, reason: `analyzer failed: ${err instanceof Error ? err.message : String(err)}` }],
        }));
      pending.push({ analyzer, path, promise });
    }
  };

  try {
    await Promise.all([
      pipeline(raw, rawMeasure, decompressor(sniffCompression(head)), plainMeasure, extract),
      consume(),
    ]);
  } catch (err) {
    raw.destroy();
    if (isBulwarkError(err)) throw err;
    throw corrupt(label, err);
  }

  if (options.digest && options.digest !== diffID && rawMeasure.digest() !== options.digest) {
    throw new BulwarkError(
      'LAYER_DIGEST_MISMATCH',
      `${label}: blob digest is ${rawMeasure.digest()}, manifest says ${options.digest}`,
    );
  }
  if (diffID.startsWith('sha256:') && plainMeasure.digest() !== diffID) {
    throw new BulwarkError(
      'LAYER_DIGEST_MISMATCH',
      `${label}: uncompressed content hashes to ${plainMeasure.digest()}, not the diffID in the image config`,
    );
  }

  for (const p of pending) {
    const fileResult: FileResult = { analyzer: p.analyzer.name, path: p.path, result: await p.promise };
    result.results.push(fileResult);
  }
  return result;
}

/** The part of tar-stream's entry stream this file uses. */
interface TarEntry extends AsyncIterable<unknown> {
  resume(): unknown;
}

async function readAll(entry: TarEntry, size: number): Promise<Buffer> {
  const out = Buffer.allocUnsafe(size);
  let offset = 0;
  for await (const chunk of entry) {
    const buf = chunk as Buffer; // tar-stream yields Buffers
    if (offset + buf.length > size) throw new Error('tar entry longer than its header says');
    buf.copy(out, offset);
    offset += buf.length;
  }
  return offset === size ? out : out.subarray(0, offset);
}

function corrupt(label: string, err: unknown): BulwarkError {
  const message = err instanceof Error ? err.message : String(err);
  const reason = /unexpected end|premature close|end of data/i.test(message)
    ? `truncated (${message})`
    : /incorrect header check|invalid|unknown compression|corrupt/i.test(message)
      ? `corrupt compressed data (${message})`
      : message;
  return new BulwarkError('LAYER_CORRUPT', `${label}: ${reason}`, { cause: err });
}

