import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AnalysisResult, Analyzer, FileInfo } from '../analyzer/types.js';
import { BulwarkError, isBulwarkError } from '../errors.js';
import { CapturedFiles, maxCapturedFile, maxCapturedTotal } from './captured-files.js';
import { decompressor, MeasureStream, peek, sniffCompression } from './decompress.js';
import { classifyWhiteout, normalizeEntryPath } from './entry-path.js';
import { magicsOf, runAnalyzer, selectAnalyzers, startsWith } from './file-analysis.js';
import { type EntrySink, type TarHeader, TarParser } from './tar-parser.js';
import { defaultWalkLimits, type FileResult, type LayerResult, type WalkLimits } from './types.js';

export interface WalkOptions {
  analyzers: readonly Analyzer[];
  /** Expected digest of the raw blob; checked when it differs from the diffID. */
  digest?: string;
  /**
   * The diffID the image config promises; the walk fails when the content differs.
   * Absent when a layer is walked before its config is known (see `prefetch`):
   * the result then carries the diffID computed from the content.
   */
  diffID?: string;
  /** Names the layer in errors when no diffID is known yet. */
  label?: string;
  tempDir: string;
  limits?: WalkLimits;
}

interface Pending {
  analyzer: Analyzer;
  path: string;
  /** Which entry of the layer it came from: a later entry for the same path replaces it. */
  entry: number;
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
  const name = diffID ?? options.label ?? 'unknown';
  const label = `layer ${name}`;
  const result: LayerResult = {
    diffID: diffID ?? '',
    whiteouts: [],
    opaqueDirs: [],
    symlinks: {},
    results: [],
  };
  const pending: Pending[] = [];
  // Contents kept so a later hard link to the same file can be analyzed too: the
  // most recent small wanted files, up to a fixed total (tar writes a link soon after
  // its target, usually in the same directory). Keeping every wanted file would make
  // memory grow with the layer; a link to a large or long-gone file is still
  // analyzed at its first path.
  const captured = new CapturedFiles(maxCapturedFile, maxCapturedTotal);
  const wantedBy = new Map<string, Analyzer[]>();
  // Tars may hold a path more than once (GNU tar appends, some builders rewrite a
  // file in the same layer); as on extraction, the last entry is the file.
  let entries = 0;
  const latest = new Map<string, number>();
  const entryOf = new Map<FileResult, number>();
  /** The entry whose contents `onContent` gathers next (entries arrive one at a time). */
  let wantedEntry = 0;

  const analyze = (path: string, info: FileInfo, readable: Analyzer[], content: Buffer, entry: number) => {
    captured.keep(path, content);
    for (const analyzer of readable) {
      const promise = runAnalyzer(analyzer, info, content, options.tempDir);
      pending.push({ analyzer, path, entry, promise });
    }
  };

  /** Decides per entry: skip it, gather its bytes whole, or look at its first bytes first. */
  const onEntry = (header: TarHeader): boolean | EntrySink => {
    const path = normalizeEntryPath(header.name, name);
    if (path === '') return false;
    const whiteout = classifyWhiteout(path);
    if (whiteout?.kind === 'opaque') result.opaqueDirs.push(whiteout.dir);
    else if (whiteout?.kind === 'whiteout') result.whiteouts.push(whiteout.path);
    else {
      const entry = ++entries;
      latest.set(path, entry);
      delete result.symlinks[path];
      captured.delete(path);
      if (header.type === 'symlink' && header.linkname) result.symlinks[path] = header.linkname;
      else if (header.type === 'file' || header.type === 'link') return considerFile(path, header, entry);
    }
    return false;
  };

  const considerFile = (path: string, header: TarHeader, entry: number): boolean | EntrySink => {
    const hardlinkTarget = header.type === 'link' ? normalizeEntryPath(header.linkname, name) : undefined;
    const linked = hardlinkTarget === undefined ? undefined : captured.get(hardlinkTarget);
    if (hardlinkTarget !== undefined && linked === undefined) return false;
    const info: FileInfo = { path, size: linked?.length ?? header.size, mode: header.mode & 0o7777 };
    const { readable, tooLarge } = selectAnalyzers(analyzers, info);
    for (const r of tooLarge) {
      result.results.push(r);
      entryOf.set(r, entry);
    }
    if (readable.length === 0) return false;
    if (linked) {
      analyze(path, info, readable, linked, entry);
      return false;
    }
    const candidates = magicsOf(readable, info);
    if (candidates) {
      return magicSink(info, candidates, (survivors, content) =>
        analyze(path, info, survivors, content, entry),
      );
    }
    wantedBy.set(path, readable);
    wantedEntry = entry;
    return true;
  };

  const parser = new TarParser({
    onEntry,
    onContent(header, content) {
      const path = normalizeEntryPath(header.name, name);
      const readable = wantedBy.get(path) ?? [];
      wantedBy.delete(path);
      analyze(
        path,
        { path, size: content.length, mode: header.mode & 0o7777 },
        readable,
        content,
        wantedEntry,
      );
    },
  });

  const head = await peek(raw, 4).catch((err) => {
    throw corrupt(label, err);
  });
  const compression = sniffCompression(head);
  // A plain layer's blob digest is its diffID, so one hash (below) is enough; a
  // compressed one needs its compressed bytes counted for the bomb guard anyway.
  const checkDigest = options.digest !== undefined && options.digest !== diffID;
  const rawMeasure =
    checkDigest || compression !== 'none' ? new MeasureStream(label, { hash: checkDigest }) : undefined;
  const plain = new PlainSink(
    label,
    limits,
    () => (compression === 'none' ? 0 : (rawMeasure?.bytes ?? 0)),
    parser,
  );
  try {
    if (rawMeasure && compression !== 'none')
      await pipeline(raw, rawMeasure, decompressor(compression), plain.consume);
    else if (compression !== 'none') await pipeline(raw, decompressor(compression), plain.consume);
    else if (rawMeasure) await pipeline(raw, rawMeasure, plain.consume);
    else await pipeline(raw, plain.consume);
    parser.end();
  } catch (caught) {
    raw.destroy();
    const err = plain.failure ?? caught;
    if (isBulwarkError(err)) throw err;
    throw corrupt(label, err);
  }

  if (checkDigest && rawMeasure?.digest() !== options.digest) {
    throw new BulwarkError(
      'LAYER_DIGEST_MISMATCH',
      `${label}: blob digest is ${rawMeasure?.digest()}, manifest says ${options.digest}`,
    );
  }
  result.diffID = diffID ?? plain.digest();
  if (diffID?.startsWith('sha256:') && plain.digest() !== diffID) {
    throw new BulwarkError(
      'LAYER_DIGEST_MISMATCH',
      `${label}: uncompressed content hashes to ${plain.digest()}, not the diffID in the image config`,
    );
  }

  result.results = result.results.filter((r) => latest.get(r.path) === entryOf.get(r));
  for (const p of pending) {
    const fileResult: FileResult = { analyzer: p.analyzer.name, path: p.path, result: await p.promise };
    if (latest.get(p.path) === p.entry) result.results.push(fileResult);
  }
  return result;
}

/**
 * Reads a file only as far as needed to see whether its first bytes carry one of
 * the analyzers' magic numbers; only then is the whole file gathered. A shell script
 * in /usr/bin costs a few bytes instead of its size.
 */
function magicSink(
  info: FileInfo,
  candidates: { analyzer: Analyzer; magic: readonly Uint8Array[] }[],
  onFile: (survivors: Analyzer[], content: Buffer) => void,
): EntrySink {
  const headLength = Math.max(1, ...candidates.flatMap((c) => c.magic.map((m) => m.length)));
  let head: Buffer = Buffer.alloc(0);
  let survivors: Analyzer[] | undefined;
  let content: Buffer | undefined;
  let filled = 0;
  const decide = () => {
    survivors = candidates.filter((c) => c.magic.some((m) => startsWith(head, m))).map((c) => c.analyzer);
    if (survivors.length === 0) return;
    content = Buffer.allocUnsafe(info.size);
    head.copy(content, 0);
    filled = head.length;
  };
  return {
    write(chunk) {
      if (survivors === undefined) {
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
        if (head.length >= headLength) decide();
        return;
      }
      if (!content) return;
      chunk.copy(content, filled);
      filled += chunk.length;
    },
    end() {
      if (survivors === undefined) decide();
      if (content && survivors && survivors.length > 0) onFile(survivors, content.subarray(0, filled));
    },
  };
}

/**
 * The end of the pipeline: hashes the uncompressed tar, stops decompression
 * bombs, and feeds the tar parser — in one place, so every byte is touched once.
 */
class PlainSink {
  bytes = 0;
  private readonly hash = createHash('sha256');
  private final: string | undefined;

  constructor(
    private readonly label: string,
    private readonly limits: WalkLimits,
    private readonly compressedBytes: () => number,
    private readonly parser: TarParser,
  ) {}

  /** The error this sink raised; pipeline() reports it only as an abort of the source. */
  failure: unknown;

  readonly consume = async (source: AsyncIterable<Buffer>): Promise<void> => {
    try {
      for await (const chunk of source) {
        this.bytes += chunk.length;
        this.guard();
        this.hash.update(chunk);
        this.parser.push(chunk);
      }
    } catch (err) {
      this.failure ??= err;
      throw err;
    }
  };

  digest(): string {
    this.final ??= `sha256:${this.hash.digest('hex')}`;
    return this.final;
  }

  private guard(): void {
    const { maxLayerBytes, maxRatio, ratioCheckAfter } = this.limits;
    if (this.bytes > maxLayerBytes) {
      throw new BulwarkError(
        'LAYER_TOO_LARGE',
        `${this.label}: decompresses past ${maxLayerBytes} bytes; refusing (decompression bomb?)`,
      );
    }
    const compressed = this.compressedBytes();
    if (this.bytes > ratioCheckAfter && compressed > 0 && this.bytes / compressed > maxRatio) {
      throw new BulwarkError(
        'LAYER_TOO_LARGE',
        `${this.label}: expands more than ${maxRatio}:1 (${compressed} bytes became over ${this.bytes}); refusing (decompression bomb)`,
      );
    }
  }
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
