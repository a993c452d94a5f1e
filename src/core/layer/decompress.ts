import { createHash, type Hash } from 'node:crypto';
import { PassThrough, type Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import { BulwarkError } from '../errors.js';
import type { WalkLimits } from './types.js';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Reads the first bytes of a stream without consuming them. */
export function peek(stream: Readable, size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = () => {
      stream.off('readable', onReadable);
      stream.off('end', finish);
      stream.off('error', onError);
      const head = Buffer.concat(chunks);
      if (head.length > 0) stream.unshift(head);
      resolve(head.subarray(0, size));
    };
    const onError = (err: Error) => {
      stream.off('readable', onReadable);
      stream.off('end', finish);
      reject(err);
    };
    const onReadable = () => {
      let chunk: Buffer | null = stream.read();
      while (chunk !== null) {
        chunks.push(chunk);
        length += chunk.length;
        if (length >= size) return finish();
        chunk = stream.read();
      }
    };
    stream.on('readable', onReadable);
    stream.on('end', finish);
    stream.on('error', onError);
  });
}

export function sniffCompression(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** fzstd only offers a push API; this makes it a stream. */
class ZstdStream extends Transform {
  private readonly inner = new ZstdDecompress((chunk) => {
    this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  });

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.inner.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.inner.push(new Uint8Array(0), true);
      done();
    } catch (err) {
      done(err as Error);
    }
  }
}

export function decompressor(kind: Compression): Transform {
  if (kind === 'gzip') return createGunzip({ chunkSize: 256 * 1024 });
  if (kind === 'zstd') return new ZstdStream();
  return new PassThrough();
}

/** Counts and hashes bytes as they pass, and stops a decompression bomb early. */
export class MeasureStream extends Transform {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');

  private readonly label: string;
  private readonly hashing: boolean;
  private readonly guard: { limits: WalkLimits; compressedBytes: () => number } | undefined;

  constructor(
    label: string,
    options: { hash: boolean; guard?: { limits: WalkLimits; compressedBytes: () => number } },
  ) {
    super();
    this.label = label;
    this.hashing = options.hash;
    this.guard = options.guard;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    const guard = this.guard;
    if (guard) {
      const { limits } = guard;
      if (this.bytes > limits.maxLayerBytes) {
        done(
          new BulwarkError(
            'LAYER_TOO_LARGE',
            `${this.label}: decompresses past ${limits.maxLayerBytes} bytes; refusing (decompression bomb?)`,
          ),
        );
        return;
      }
      const compressed = guard.compressedBytes();
      if (
        this.bytes > limits.ratioCheckAfter &&
        compressed > 0 &&
        this.bytes / compressed > limits.maxRatio
      ) {
        done(
          new BulwarkError(
            'LAYER_TOO_LARGE',
            `${this.label}: expands more than ${limits.maxRatio}:1 (${compressed} bytes became over ${this.bytes}); refusing (decompression bomb)`,
          ),
        );
        return;
      }
    }
    if (this.hashing) this.hash.update(chunk);
    done(null, chunk);
  }

  private finalDigest: string | undefined;

  /** The sha256 of everything that passed; call after the stream has ended. */
  digest(): string {
    this.finalDigest ??= `sha256:${this.hash.digest('hex')}`;
    return this.finalDigest;
  }
}
