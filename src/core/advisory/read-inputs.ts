import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  defaultZipLimits,
  listZip,
  looksLikeZip,
  readZipEntry,
  type ZipLimits,
} from '../archive/zip-reader.js';
import { BulwarkError } from '../errors.js';
import { TarFormatError, TarParser } from '../layer/tar-parser.js';
import { formatForPath, type OsvDocumentFormat } from './parse-osv.js';

/** One OSV file's text, named by where it came from (`a.zip!GO-2020-0001.json`). */
export interface OsvDocument {
  origin: string;
  format: OsvDocumentFormat;
  text: string;
  /**
   * Found by walking a directory or an archive rather than named by the user: such a
   * file may be something else entirely (a package.json), so one that is not shaped
   * like OSV is skipped with a warning instead of failing the import.
   */
  discovered?: boolean;
}

const documentPattern = /\.(json|ya?ml)$/i;
const tarPattern = /\.(tar|tar\.gz|tgz)$/i;

function decode(data: Buffer): string {
  const text = data.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function isZipFile(path: string): Promise<boolean> {
  if (/\.zip$/i.test(path)) return true;
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return looksLikeZip(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * OSV archives hold hundreds of thousands of small, very compressible JSON files from a
 * source we chose; a flipped byte must fail the import (CRC), a big archive must not.
 */
const advisoryZipLimits: ZipLimits = {
  ...defaultZipLimits,
  maxEntries: 10_000_000,
  maxRatio: 10_000,
  verifyCrc: true,
};

function corruptZip(origin: string, reason: string): BulwarkError {
  return new BulwarkError('ADVISORY_SOURCE', `${origin}: corrupt zip archive: ${reason}`);
}

/** Members of a zip archive that look like OSV files, CRC-checked, inflated one at a time. */
export function* zipDocuments(data: Buffer, origin: string): Generator<OsvDocument> {
  const listing = listZip(data, advisoryZipLimits);
  if (!listing.ok) throw corruptZip(origin, listing.reason);
  for (const entry of listing.entries) {
    if (entry.name.endsWith('/') || !documentPattern.test(entry.name)) continue;
    const read = readZipEntry(data, entry, advisoryZipLimits);
    if (!read.ok) throw corruptZip(origin, `member ${read.reason}`);
    yield {
      origin: `${origin}!${entry.name}`,
      format: formatForPath(entry.name),
      text: decode(read.data),
      discovered: true,
    };
  }
}

/** Members of a tar archive (gzip-compressed or not) that look like OSV files. */
export function tarDocuments(data: Buffer, origin: string): OsvDocument[] {
  let tar = data;
  if (data[0] === 0x1f && data[1] === 0x8b) {
    try {
      tar = gunzipSync(data);
    } catch (err) {
      throw new BulwarkError(
        'ADVISORY_SOURCE',
        `${origin}: corrupt gzip archive: ${(err as Error).message}`,
        {
          cause: err,
        },
      );
    }
  }
  const documents: OsvDocument[] = [];
  const parser = new TarParser({
    onEntry: (header) => header.type === 'file' && documentPattern.test(header.name),
    onContent: (header, content) =>
      documents.push({
        origin: `${origin}!${header.name}`,
        format: formatForPath(header.name),
        text: decode(content),
        discovered: true,
      }),
  });
  try {
    parser.push(tar);
    parser.end();
  } catch (err) {
    if (!(err instanceof TarFormatError)) throw err;
    throw new BulwarkError('ADVISORY_SOURCE', `${origin}: not a tar archive of OSV files: ${err.message}`, {
      cause: err,
    });
  }
  return documents;
}

async function* fileDocuments(path: string, discovered: boolean): AsyncGenerator<OsvDocument> {
  if (await isZipFile(path)) {
    yield* zipDocuments(await readFile(path), path);
    return;
  }
  if (tarPattern.test(path)) {
    yield* tarDocuments(await readFile(path), path);
    return;
  }
  yield { origin: path, format: formatForPath(path), text: decode(await readFile(path)), discovered };
}

async function* directoryDocuments(dir: string): AsyncGenerator<OsvDocument> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* directoryDocuments(path);
    else if (entry.isFile() && documentPattern.test(entry.name)) yield* fileDocuments(path, true);
    else if (entry.isFile() && (/\.zip$/i.test(entry.name) || tarPattern.test(entry.name)))
      yield* fileDocuments(path, true);
  }
}

/**
 * Every OSV document under the given paths: single files (JSON or YAML), directories
 * (recursive, `*.json`, `*.yaml`, `*.yml`, `*.zip`, `*.tar.gz`, `*.tgz`, `*.tar`), zip
 * and tar archives. A path that cannot be read or a damaged archive throws
 * ADVISORY_SOURCE naming it.
 */
export async function* readOsvInputs(inputs: readonly string[]): AsyncGenerator<OsvDocument> {
  for (const input of inputs) {
    const path = resolve(input);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (err) {
      throw new BulwarkError('ADVISORY_SOURCE', `${input}: cannot read: ${(err as Error).message}`, {
        cause: err,
      });
    }
    if (info.isDirectory()) yield* directoryDocuments(path);
    else yield* fileDocuments(path, false);
  }
}
