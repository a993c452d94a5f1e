import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BulwarkError, isBulwarkError } from '../../errors.js';
import { decompressor, MeasureStream, peek, sniffCompression } from '../../layer/decompress.js';
import { defaultWalkLimits } from '../../layer/types.js';
import { TarIndex } from './tar-index.js';

/**
 * Opens an image archive for random access. A compressed archive (`docker save |
 * gzip`) is first decompressed into the scan's private temp dir, with the same
 * bomb guard layers get.
 */
export async function openArchive(path: string, tempDir: string): Promise<TarIndex> {
  const info = await stat(path).catch((err) => {
    throw new BulwarkError('IMAGE_NOT_FOUND', `${path}: no such file`, { cause: err });
  });
  if (!info.isFile()) throw new BulwarkError('IMAGE_REF_INVALID', `${path}: not a regular file`);
  const source = createReadStream(path);
  const kind = sniffCompression(await peek(source, 4));
  if (kind === 'none') {
    source.destroy();
    return TarIndex.build(path);
  }
  const target = join(tempDir, `${basename(path)}.tar`);
  // Counting only: the layers inside are hashed when they are walked.
  const raw = new MeasureStream(path, { hash: false });
  const plain = new MeasureStream(path, {
    hash: false,
    guard: { limits: defaultWalkLimits, compressedBytes: () => raw.bytes },
  });
  try {
    await pipeline(source, raw, decompressor(kind), plain, createWriteStream(target));
  } catch (err) {
    if (isBulwarkError(err)) throw err;
    const message = (err as Error).message;
    throw new BulwarkError('ARCHIVE_CORRUPT', `${path}: corrupt or truncated ${kind} archive (${message})`, {
      cause: err,
    });
  }
  return TarIndex.build(target);
}
