import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BulwarkError, isBulwarkError } from '../errors.js';
import type { EcosystemUpdate, FeedUpdate, SourceStatus, UpdateOptions, UpdateSummary } from './db-types.js';
import { AdvisoryDbWriter, removeStaleTemps } from './db-writer.js';
import { canonicalEcosystemName, defaultUpdateEcosystems, defaultUpdateSource } from './ecosystems.js';
import { parseFeedSpec } from './feeds/feeds.js';
import { readFeed } from './feeds/read-feed.js';
import type * as Http from './fetch-archive.js';
import { IngestTally, ingestDocuments } from './ingest.js';
import { readOsvInputs, zipDocuments } from './read-inputs.js';
import { AdvisoryStore } from './store.js';

export { defaultUpdateSource };

/** What to do for one ecosystem once the download phase is over. */
type Plan = {
  ecosystem: string;
  location: string;
  etag?: string;
  lastModified?: string;
  bytes: number;
} & (
  | { kind: 'not-modified'; previousCount: number }
  | { kind: 'zip'; file: string }
  | { kind: 'directory'; dir: string }
);

/** Accepts OSV spelling in any case (`pypi` → `PyPI`); anything else is a usage error. */
export function resolveEcosystems(requested: readonly string[] | undefined): string[] {
  if (!requested || requested.length === 0) return [...defaultUpdateEcosystems];
  return [
    ...new Set(
      requested.map((name) => {
        const canonical = canonicalEcosystemName(name);
        if (!canonical) throw new BulwarkError('USAGE', `unknown OSV ecosystem "${name}"`);
        return canonical;
      }),
    ),
  ];
}

/** Sources recorded in the current database, or none when it is absent or unreadable. */
function previousSources(
  dbPath: string,
  warnings: string[],
): { valid: boolean; sources: Map<string, SourceStatus> } {
  if (!existsSync(dbPath)) return { valid: false, sources: new Map() };
  try {
    const store = AdvisoryStore.open(dbPath);
    try {
      return { valid: true, sources: new Map(store.status().sources.map((s) => [s.name, s])) };
    } finally {
      store.close();
    }
  } catch (err) {
    if (!isBulwarkError(err)) throw err;
    warnings.push(`${err.message}; rebuilding it from scratch`);
    return { valid: false, sources: new Map() };
  }
}

function planLocal(
  root: string,
  ecosystem: string,
  prev: SourceStatus | undefined,
  incremental: boolean,
): Plan {
  const zip = join(root, ecosystem, 'all.zip');
  if (existsSync(zip)) {
    const info = statSync(zip);
    // A local file has no ETag; its mtime and size serve the same purpose.
    const etag = `${info.mtimeMs}-${info.size}`;
    if (incremental && prev?.location === zip && prev.etag === etag) {
      return {
        ecosystem,
        location: zip,
        etag,
        bytes: 0,
        kind: 'not-modified',
        previousCount: prev.recordCount,
      };
    }
    return { ecosystem, location: zip, etag, bytes: info.size, kind: 'zip', file: zip };
  }
  const dir = join(root, ecosystem);
  if (existsSync(dir) && statSync(dir).isDirectory())
    return { ecosystem, location: dir, bytes: 0, kind: 'directory', dir };
  throw new BulwarkError('ADVISORY_SOURCE', `${root}: no ${ecosystem}/all.zip or ${ecosystem}/ directory`);
}

async function planRemote(
  base: string,
  ecosystem: string,
  prev: SourceStatus | undefined,
  incremental: boolean,
  ctx: {
    dbPath: string;
    opts: UpdateOptions;
    dispatcher: ReturnType<typeof Http.createDispatcher>;
    http: typeof Http;
    downloads: string[];
  },
): Promise<Plan> {
  const url = `${base.replace(/\/+$/, '')}/${encodeURIComponent(ecosystem)}/all.zip`;
  const conditional = incremental && prev?.location === url;
  const file = join(
    dirname(ctx.dbPath),
    `.${basename(ctx.dbPath)}.download-${process.pid}-${randomBytes(4).toString('hex')}.zip`,
  );
  ctx.downloads.push(file);
  const result = await ctx.http.fetchArchive({
    url,
    destination: file,
    dispatcher: ctx.dispatcher,
    ...(conditional && prev.etag ? { etag: prev.etag } : {}),
    ...(conditional && prev.lastModified ? { lastModified: prev.lastModified } : {}),
    timeoutMs: ctx.opts.timeoutMs ?? 60_000,
    retries: ctx.opts.retries ?? 4,
    backoffMs: ctx.opts.backoffMs ?? 1000,
    onBytes: (bytes, totalBytes) =>
      ctx.opts.onProgress?.({ phase: 'download', ecosystem, bytes, ...(totalBytes ? { totalBytes } : {}) }),
    onRetry: (info) => ctx.opts.onProgress?.({ phase: 'retry', ecosystem, ...info }),
  });
  if (result.status === 'not-modified') {
    if (!conditional)
      throw new BulwarkError('ADVISORY_SOURCE', `${url}: answered 304 to an unconditional request`);
    const keep = {
      ...(prev.etag ? { etag: prev.etag } : {}),
      ...(prev.lastModified ? { lastModified: prev.lastModified } : {}),
    };
    return {
      ecosystem,
      location: url,
      ...keep,
      bytes: 0,
      kind: 'not-modified',
      previousCount: prev.recordCount,
    };
  }
  const tags = {
    ...(result.etag ? { etag: result.etag } : {}),
    ...(result.lastModified ? { lastModified: result.lastModified } : {}),
  };
  return { ecosystem, location: url, ...tags, bytes: result.bytes, kind: 'zip', file };
}

/**
 * Refreshes the database from per-ecosystem OSV archives. Two phases: download
 * everything (conditional requests; 304 keeps that ecosystem's records), then build
 * a new database from a copy of the old one and rename it into place. Any failure
 * in either phase leaves the existing database untouched. Sources not named in
 * `ecosystems` (other ecosystems, imports) are kept unless `replace` is set.
 */
export async function updateAdvisories(dbPath: string, opts: UpdateOptions = {}): Promise<UpdateSummary> {
  // Feed names are checked before anything is downloaded: a typo is a usage error.
  const feeds = (opts.feeds ?? []).map(parseFeedSpec);
  const feedsOnly = feeds.length > 0 && (opts.ecosystems ?? []).length === 0;
  const ecosystems = feedsOnly ? [] : resolveEcosystems(opts.ecosystems);
  const source = opts.source ?? defaultUpdateSource;
  const remote = /^https?:\/\//i.test(source);
  const root = source.startsWith('file:') ? fileURLToPath(source) : resolve(source);
  const warnings: string[] = [];
  const previous = previousSources(dbPath, warnings);
  const incremental = previous.valid && !opts.full && !opts.replace;
  const downloads: string[] = [];
  // The HTTP client (undici) is loaded only when an update runs, not by every command.
  const http = await import('./fetch-archive.js');
  const dispatcher = http.createDispatcher(opts.proxy, opts.env ?? process.env);
  let writer: AdvisoryDbWriter | undefined;
  try {
    mkdirSync(dirname(dbPath), { recursive: true });
    removeStaleTemps(dbPath);
    const plans: Plan[] = [];
    for (const ecosystem of ecosystems) {
      const prev = previous.sources.get(`osv:${ecosystem}`);
      plans.push(
        remote
          ? await planRemote(source, ecosystem, prev, incremental, {
              dbPath,
              opts,
              dispatcher,
              http,
              downloads,
            })
          : planLocal(root, ecosystem, prev, incremental),
      );
    }
    writer = AdvisoryDbWriter.create(dbPath, previous.valid && !opts.replace);
    if (opts.replace) writer.clearAll();
    const tally = new IngestTally();
    const results: EcosystemUpdate[] = [];
    for (const plan of plans) {
      const name = `osv:${plan.ecosystem}`;
      const tags = {
        ...(plan.etag ? { etag: plan.etag } : {}),
        ...(plan.lastModified ? { lastModified: plan.lastModified } : {}),
      };
      writer.setSource({
        name,
        kind: 'osv-archive',
        location: plan.location,
        ...tags,
        updatedAt: new Date().toISOString(),
      });
      const entry = { ecosystem: plan.ecosystem, location: plan.location, bytes: plan.bytes };
      if (plan.kind === 'not-modified') {
        results.push({ ...entry, status: 'not-modified', records: plan.previousCount });
        continue;
      }
      writer.clearSource(name);
      const documents =
        plan.kind === 'zip'
          ? zipDocuments(readFileSync(plan.file), plan.location)
          : readOsvInputs([plan.dir]);
      const records = await ingestDocuments(writer, documents, name, tally, opts.onProgress);
      results.push({ ...entry, status: 'updated', records });
    }
    const feedResults: FeedUpdate[] = [];
    const fetch = {
      http,
      dispatcher,
      timeoutMs: opts.timeoutMs ?? 60_000,
      retries: opts.retries ?? 4,
      backoffMs: opts.backoffMs ?? 1000,
    };
    for (const feed of feeds) {
      const read = await readFeed(feed, fetch);
      warnings.push(...read.warnings);
      const name = `feed:${feed.id}`;
      const entry = { feed: feed.id, location: feed.location };
      if (read.records === 0) {
        // Never a silent empty result: say so, and keep what the last good run stored.
        const kept = previous.sources.get(name)?.recordCount ?? 0;
        warnings.push(
          `feed ${feed.id}: no advisories read from ${feed.location}; ${kept} records from the last update kept`,
        );
        feedResults.push({ ...entry, status: 'kept', records: kept });
        continue;
      }
      writer.clearSource(name);
      writer.setSource({
        name,
        kind: 'vendor-feed',
        location: feed.location,
        updatedAt: new Date().toISOString(),
      });
      const records = await ingestDocuments(writer, read.documents, name, tally, opts.onProgress);
      feedResults.push({ ...entry, status: 'updated', records });
    }
    opts.onProgress?.({ phase: 'write', records: tally.imported });
    const totalRecords = writer.commit();
    return {
      dbPath,
      source: remote ? source : root,
      ecosystems: results,
      feeds: feedResults,
      skipped: tally.skipped,
      warnings: [...warnings, ...tally.finalWarnings()],
      totalRecords,
    };
  } catch (err) {
    writer?.abort();
    throw err;
  } finally {
    for (const file of downloads) rmSync(file, { force: true });
    await dispatcher.close().catch(() => undefined);
  }
}
