import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { PassThrough, Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { BulwarkError, isBulwarkError } from '../../errors.js';
import { type Compression, decompressor, MeasureStream, sniffCompression } from '../../layer/decompress.js';
import { type EntrySink, TarParser } from '../../layer/tar-parser.js';
import { defaultWalkLimits } from '../../layer/types.js';
import type { LayerChannel } from '../layer-channel.js';
import { TarIndex } from './tar-index.js';

/**
 * Opens an image archive for random access. A compressed archive (`docker save |
 * gzip`) is first decompressed into the scan's private temp dir, with the same
 * bomb guard layers get. Its manifest comes last, so nothing is known about the
 * layers until the end; through `passing` a caller may read each layer member it
 * still needs during that one pass instead of reading it again afterwards.
 */
export async function openArchive(path: string, tempDir: string, passing?: LayerChannel): Promise<TarIndex> {
  const info = await stat(path).catch((err) => {
    throw new BulwarkError('IMAGE_NOT_FOUND', `${path}: no such file`, { cause: err });
  });
  if (!info.isFile()) throw new BulwarkError('IMAGE_REF_INVALID', `${path}: not a regular file`);
  const kind = sniffCompression(await readHead(path, 4));
  if (kind === 'none') return TarIndex.build(path);
  const target = join(tempDir, `${basename(path)}.tar`);
  try {
    await spoolArchive(createReadStream(path, { highWaterMark: 1024 * 1024 }), target, {
      label: path,
      compression: kind,
      ...(passing ? { passing } : {}),
    });
  } catch (err) {
    if (isBulwarkError(err)) throw err;
    const message = (err as Error).message;
    throw new BulwarkError('ARCHIVE_CORRUPT', `${path}: corrupt or truncated ${kind} archive (${message})`, {
      cause: err,
    });
  }
  return TarIndex.build(target);
}

/**
 * Writes an image archive arriving as a stream (a compressed file, or `docker save`
 * from the Engine) to `target`, decompressing it under the bomb guard and offering
 * each layer member on `passing` on the way. Errors other than the guard's come
 * back as they are, for the caller to name.
 */
export async function spoolArchive(
  source: Readable,
  target: string,
  opts: { label: string; compression: Compression; passing?: LayerChannel; signal?: AbortSignal },
): Promise<void> {
  // Counting only: the layers inside are hashed when they are walked.
  const raw = new MeasureStream(opts.label, { hash: false });
  const plain = new MeasureStream(opts.label, {
    hash: false,
    guard: {
      limits: defaultWalkLimits,
      compressedBytes: () => (opts.compression === 'none' ? 0 : raw.bytes),
    },
  });
  const splitter = new LayerSplitter(createWriteStream(target), opts.passing);
  try {
    await pipeline(
      source,
      raw,
      decompressor(opts.compression),
      plain,
      splitter.consume,
      ...(opts.signal ? [{ signal: opts.signal }] : []),
    );
  } catch (err) {
    splitter.abort(err);
    // The file's own error says what went wrong; the pipeline may report only the abort it caused.
    throw splitter.failure ?? err;
  }
}

async function readHead(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(size);
    const { bytesRead } = await handle.read(head, 0, size, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function looksLikeLayer(member: string): boolean {
  return member.endsWith('/layer.tar') || /^blobs\/sha256\/[a-f0-9]{64}$/.test(member);
}

/** Resolves on 'drain' or 'close' (a failed file never drains), leaving no listener behind. */
function drainedOrClosed(out: Writable): Promise<void> {
  // Already closed (destroyed by an abort): no event is coming.
  if (out.closed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * Writes the decompressed archive to disk and, when asked, offers each layer
 * member on a channel as a stream — with backpressure, so a slow reader (or one
 * still asking its cache whether it wants the member) slows the decompression
 * down instead of filling memory.
 */
class LayerSplitter {
  private parser: TarParser | undefined;
  private open: PassThrough | undefined;
  private waitFor: PassThrough | undefined;

  /** The spool file's own failure (its directory removed, disk full), kept for `consume`. */
  private outFailure: Error | undefined;

  get failure(): Error | undefined {
    return this.outFailure;
  }

  constructor(
    private readonly out: WriteStream,
    passing: LayerChannel | undefined,
  ) {
    // Without a listener a failing file stream would be an uncaught error that ends the process.
    // The first error is the cause; later ones (writes after it) only echo it.
    out.on('error', (err) => {
      this.outFailure ??= err;
    });
    if (!passing) return;
    this.parser = new TarParser({
      onEntry: (header) => {
        const member = header.name.replace(/^(\.\/)+/, '');
        if (header.type !== 'file' || !looksLikeLayer(member)) return false;
        const stream = passing.offer(member);
        if (stream.destroyed) return false;
        this.open = stream;
        const sink: EntrySink = {
          write: (chunk) => {
            if (!stream.destroyed && !stream.write(chunk)) this.waitFor = stream;
          },
          end: () => {
            if (!stream.destroyed) stream.end();
            this.open = undefined;
          },
        };
        return sink;
      },
      onContent: () => {},
    });
  }

  readonly consume = async (chunks: AsyncIterable<Buffer>): Promise<void> => {
    for await (const chunk of chunks) {
      if (this.outFailure) throw this.outFailure;
      if (!this.out.write(chunk)) await drainedOrClosed(this.out);
      if (this.outFailure) throw this.outFailure;
      this.split(chunk);
      const stream = this.waitFor;
      this.waitFor = undefined;
      if (stream && !stream.destroyed) await drainedOrClosed(stream);
    }
    this.out.end();
    await finished(this.out);
    if (this.outFailure) throw this.outFailure;
  };

  /**
   * Feeds the member parser. If the archive turns out not to be a tar, splitting
   * stops here and the index built afterwards reports the problem precisely.
   */
  private split(chunk: Buffer): void {
    if (!this.parser) return;
    try {
      this.parser.push(chunk);
    } catch (err) {
      this.parser = undefined;
      this.open?.destroy(err instanceof Error ? err : new Error(String(err)));
      this.open = undefined;
    }
  }

  abort(err: unknown): void {
    this.open?.destroy(err instanceof Error ? err : new Error(String(err)));
    this.out.destroy();
  }
}
