import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, type Dispatcher, EnvHttpProxyAgent, interceptors, ProxyAgent, request } from 'undici';
import { BulwarkError } from '../errors.js';

/**
 * The fetch dispatcher: an explicit proxy, else HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * from `env`, else a direct agent. `proxyTunnel: false` makes plain-http sources go
 * to the proxy as absolute-URI requests (what most corporate proxies expect); https
 * sources always tunnel with CONNECT. Redirects are followed (mirrors use them).
 */
export function createDispatcher(proxy: string | undefined, env: NodeJS.ProcessEnv): Dispatcher {
  const httpsProxy = env.HTTPS_PROXY ?? env.https_proxy;
  const httpProxy = env.HTTP_PROXY ?? env.http_proxy;
  let base: Dispatcher;
  if (proxy) base = new ProxyAgent({ uri: proxy, proxyTunnel: false });
  else if (httpsProxy || httpProxy) {
    base = new EnvHttpProxyAgent({
      proxyTunnel: false,
      // Empty strings stop undici from falling back to process.env for a variable `env` lacks.
      httpProxy: httpProxy ?? '',
      httpsProxy: httpsProxy ?? '',
      noProxy: env.NO_PROXY ?? env.no_proxy ?? '',
    });
  } else base = new Agent();
  return base.compose(interceptors.redirect({ maxRedirections: 5 }));
}

export interface FetchArchiveOptions {
  url: string;
  /** File the body is written to (created or truncated). */
  destination: string;
  dispatcher: Dispatcher;
  etag?: string;
  lastModified?: string;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  onBytes?: (bytes: number, totalBytes: number | undefined) => void;
  /** Told before each retry: which attempt comes next, after how long, and why. */
  onRetry?: (info: { attempt: number; retries: number; delayMs: number; reason: string }) => void;
}

export type FetchArchiveResult =
  | { status: 'not-modified' }
  | { status: 'ok'; bytes: number; etag?: string; lastModified?: string };

/** A failure worth another attempt (network, timeout, 5xx, short body). */
class RetryableError extends Error {}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Google Cloud Storage sends `x-goog-hash: crc32c=…,md5=…`; others may send Content-MD5. */
function expectedMd5(headers: Record<string, string | string[] | undefined>): string | undefined {
  const goog = headers['x-goog-hash'];
  for (const part of (Array.isArray(goog) ? goog.join(',') : (goog ?? '')).split(',')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === 'md5') return rest.join('=');
  }
  return header(headers, 'content-md5');
}

async function attempt(opts: FetchArchiveOptions): Promise<FetchArchiveResult> {
  const headers: Record<string, string> = { 'user-agent': 'bulwark-db-update' };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  let res: Dispatcher.ResponseData;
  try {
    res = await request(opts.url, {
      dispatcher: opts.dispatcher,
      headers,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
  } catch (err) {
    const host = unresolvedHost(err, opts.url);
    if (host !== undefined) {
      // Offline, retrying a name that does not resolve only adds silent waiting.
      throw new BulwarkError(
        'ADVISORY_SOURCE',
        `cannot download ${opts.url}: the host name ${host} does not resolve (${errorCode(err)}); offline? Import a database instead: \`bulwark db import <dir|zip|tar.gz>\``,
        { cause: err },
      );
    }
    throw new RetryableError(describe(err, opts.timeoutMs));
  }
  const { statusCode } = res;
  if (statusCode === 304) {
    await res.body.dump();
    return { status: 'not-modified' };
  }
  if (statusCode !== 200) {
    await res.body.dump().catch(() => undefined);
    const message = `HTTP ${statusCode}`;
    if (statusCode >= 500 || statusCode === 429 || statusCode === 408) throw new RetryableError(message);
    throw new BulwarkError('ADVISORY_SOURCE', `cannot download ${opts.url}: ${message}`);
  }
  const lengthHeader = header(res.headers, 'content-length');
  const total = lengthHeader === undefined ? undefined : Number(lengthHeader);
  const md5Wanted = expectedMd5(res.headers);
  const md5: Hash | undefined = md5Wanted ? createHash('md5') : undefined;
  let bytes = 0;
  try {
    await pipeline(
      res.body,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          md5?.update(chunk);
          opts.onBytes?.(bytes, total);
          yield chunk;
        }
      },
      createWriteStream(opts.destination),
    );
  } catch (err) {
    throw new RetryableError(describe(err, opts.timeoutMs));
  }
  if (total !== undefined && bytes !== total)
    throw new RetryableError(`short body: ${bytes} of ${total} bytes`);
  if (md5 && md5Wanted && md5.digest('base64') !== md5Wanted)
    throw new RetryableError('MD5 checksum mismatch');
  const etag = header(res.headers, 'etag');
  const lastModified = header(res.headers, 'last-modified');
  return { status: 'ok', bytes, ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

function errorCode(err: unknown): string | undefined {
  const own = (err as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const cause = (err as { cause?: { code?: unknown } }).cause?.code;
  return typeof cause === 'string' ? cause : undefined;
}

/** The host name, when the request failed because it does not resolve (getaddrinfo). */
function unresolvedHost(err: unknown, url: string): string | undefined {
  const code = errorCode(err);
  if (code !== 'ENOTFOUND' && code !== 'EAI_AGAIN' && code !== 'EAI_NONAME' && code !== 'EAI_NODATA')
    return undefined;
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function describe(err: unknown, timeoutMs: number): string {
  const code = (err as { code?: string }).code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const message = err instanceof Error ? err.message : String(err);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/**
 * Downloads one archive with conditional headers, retrying network errors,
 * timeouts and 5xx answers with exponential backoff (backoffMs, ×2 per attempt,
 * plus up to 25% jitter so many sensors do not retry in step).
 */
export async function fetchArchive(opts: FetchArchiveOptions): Promise<FetchArchiveResult> {
  let last = '';
  for (let n = 0; n <= opts.retries; n++) {
    if (n > 0) {
      const delayMs = opts.backoffMs * 2 ** (n - 1) * (1 + Math.random() / 4);
      opts.onRetry?.({ attempt: n, retries: opts.retries, delayMs, reason: last });
      await sleep(delayMs);
    }
    try {
      return await attempt(opts);
    } catch (err) {
      if (!(err instanceof RetryableError)) throw err;
      last = err.message;
    }
  }
  const tries = opts.retries + 1;
  throw new BulwarkError(
    'ADVISORY_SOURCE',
    `cannot download ${opts.url}: ${last} (${tries} attempt${tries === 1 ? '' : 's'})`,
  );
}
