/**
 * Runs one vendor feed: reads its files (a directory of `.xml`/`.xml.gz`, one file, or
 * one URL), converts each, and hands back OSV documents for the ordinary ingest path.
 * A file that cannot be read or converted is a warning naming it, never an error: one
 * broken file must not cost the other feeds (or the OSV archives) their update.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type * as Http from '../fetch-archive.js';
import type { OsvDocument } from '../read-inputs.js';
import type { FeedSpec } from './feeds.js';

export interface FeedFetch {
  http: typeof Http;
  dispatcher: ReturnType<typeof Http.createDispatcher>;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

export interface FeedRead {
  /** The converted records, one JSON document per feed file. */
  documents: OsvDocument[];
  records: number;
  warnings: string[];
}

const feedFile = /\.xml(\.gz)?$/i;

function decode(bytes: Buffer, name: string): string {
  // gzip by magic number, not only by name: mirrors serve `updateinfo.xml` gzipped too.
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (!gzipped && /\.gz$/i.test(name)) throw new Error('named .gz but not gzip data');
  return (gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
}

async function download(url: string, fetch: FeedFetch): Promise<Buffer> {
  const file = join(tmpdir(), `bulwark-feed-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await fetch.http.fetchArchive({ url, destination: file, ...fetch });
    return readFileSync(file);
  } finally {
    rmSync(file, { force: true });
  }
}

/** The files a local location stands for, sorted so runs are repeatable. */
function localFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => feedFile.test(name))
    .sort()
    .map((name) => join(path, name));
}

export async function readFeed(spec: FeedSpec, fetch: FeedFetch): Promise<FeedRead> {
  const warnings: string[] = [];
  const documents: OsvDocument[] = [];
  let records = 0;
  const remote = /^https?:\/\//i.test(spec.location);
  const inputs: { origin: string; load: () => Promise<Buffer> | Buffer }[] = [];
  if (remote) inputs.push({ origin: spec.location, load: () => download(spec.location, fetch) });
  else {
    const path = spec.location.startsWith('file:') ? fileURLToPath(spec.location) : resolve(spec.location);
    try {
      for (const file of localFiles(path)) inputs.push({ origin: file, load: () => readFileSync(file) });
    } catch (err) {
      warnings.push(`feed ${spec.id}: ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (inputs.length === 0 && warnings.length === 0)
      warnings.push(`feed ${spec.id}: ${path}: no .xml or .xml.gz files`);
  }
  for (const input of inputs) {
    try {
      const text = decode(await input.load(), input.origin);
      const converted = spec.converter.convert(text, spec.release);
      for (const w of converted.warnings) warnings.push(`feed ${spec.id}: ${input.origin}: ${w}`);
      if (converted.records.length === 0) {
        warnings.push(`feed ${spec.id}: ${input.origin}: no advisories in it`);
        continue;
      }
      records += converted.records.length;
      documents.push({ origin: input.origin, format: 'json', text: JSON.stringify(converted.records) });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      warnings.push(`feed ${spec.id}: ${input.origin}: skipped: ${reason}`);
    }
  }
  return { documents, records, warnings };
}
