import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { BulwarkError } from '../../errors.js';
import { MANIFEST_ACCEPT } from '../oci-manifest.js';
import type { RegistryOptions } from '../types.js';
import { assertDigest, sha256Digest } from '../verify-digest.js';
import { basicAuthorization, type Credentials, parseAuthChallenges, resolveCredentials } from './auth.js';
import type { ImageReference } from './parse-reference.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface FetchedManifest {
  bytes: Buffer;
  contentType: string | undefined;
  /** sha256 of the bytes received (what a client pinning this manifest would write). */
  digest: string;
}

export interface RegistryClientOptions extends RegistryOptions {
  signal?: AbortSignal;
  /** For tests; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Plain HTTP is the default only where nothing can intercept it: the loopback interface. */
export function isLoopbackHost(hostPort: string): boolean {
  const host = hostPort.startsWith('[') ? hostPort.slice(1, hostPort.indexOf(']')) : hostPort.split(':')[0]!;
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** A live request: its Response plus the timer that guards it. */
interface Guarded {
  res: Response;
  /** Restart the timeout (on progress) or stop it (when done). */
  touch(): void;
  done(): void;
}

/** A small OCI distribution API client: manifests and blobs of one repository, with auth. */
export class RegistryClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly credentials: Credentials | undefined;
  private authorization: string | undefined;

  constructor(
    private readonly ref: ImageReference,
    private readonly options: RegistryClientOptions = {},
  ) {
    const scheme = options.insecure || isLoopbackHost(ref.apiHost) ? 'http' : 'https';
    this.baseUrl = `${scheme}://${ref.apiHost}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.credentials = resolveCredentials(ref.registry, options, options.env);
  }

  /** GETs a manifest or index by tag or digest; when by digest, its bytes are verified. */
  async getManifest(reference: string): Promise<FetchedManifest> {
    const what = `manifest ${this.ref.repository}:${reference}`;
    const guarded = await this.get(
      `/v2/${this.ref.repository}/manifests/${reference}`,
      MANIFEST_ACCEPT,
      what,
    );
    const bytes = await this.readAll(guarded, MAX_MANIFEST_BYTES, what);
    if (reference.startsWith('sha256:')) assertDigest(bytes, reference, what);
    return {
      bytes,
      contentType: guarded.res.headers.get('content-type') ?? undefined,
      digest: sha256Digest(bytes),
    };
  }

  /** GETs a small blob (an image config) whole and verifies its digest. */
  async getBlobBytes(digest: string, maxBytes: number): Promise<Buffer> {
    const what = `blob ${digest} of ${this.ref.repository}`;
    const guarded = await this.get(`/v2/${this.ref.repository}/blobs/${digest}`, '*/*', what);
    const bytes = await this.readAll(guarded, maxBytes, what);
    assertDigest(bytes, digest, what);
    return bytes;
  }

  /**
   * GETs a blob as a stream (redirects followed). The timeout then guards each wait for
   * data the consumer asked for: a registry silent for timeoutMs errors the stream with
   * REGISTRY_TIMEOUT, while a slow consumer (backpressure) never trips it.
   */
  async openBlob(digest: string): Promise<Readable> {
    const what = `blob ${digest} of ${this.ref.repository}`;
    const guarded = await this.get(`/v2/${this.ref.repository}/blobs/${digest}`, '*/*', what);
    guarded.done();
    const body = guarded.res.body;
    if (!body) throw new BulwarkError('REGISTRY_BAD_RESPONSE', `${what}: empty response`);
    const reader = (body as WebReadableStream<Uint8Array>).getReader();
    const mapError = (err: unknown): Error => {
      const mapped = this.mapError(err, what);
      return mapped instanceof Error ? mapped : new Error(String(mapped));
    };
    return new Readable({
      read() {
        guarded.touch();
        reader.read().then(
          ({ done, value }) => {
            guarded.done();
            this.push(done ? null : Buffer.from(value.buffer, value.byteOffset, value.byteLength));
          },
          (err: unknown) => {
            guarded.done();
            this.destroy(mapError(err));
          },
        );
      },
      destroy(err, callback) {
        guarded.done();
        reader.cancel().catch(() => undefined);
        callback(err);
      },
    });
  }

  private async readAll(guarded: Guarded, maxBytes: number, what: string): Promise<Buffer> {
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      const body = guarded.res.body;
      if (!body) return Buffer.alloc(0);
      for await (const chunk of body as WebReadableStream<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes) {
          throw new BulwarkError('REGISTRY_BAD_RESPONSE', `${what}: larger than the ${maxBytes}-byte limit`);
        }
        chunks.push(Buffer.from(chunk));
      }
      return Buffer.concat(chunks);
    } catch (err) {
      throw this.mapError(err, what);
    } finally {
      guarded.done();
    }
  }

  /** GET with auth negotiation: one anonymous/cached try, then one after answering the challenge. */
  private async get(path: string, accept: string, what: string): Promise<Guarded> {
    let guarded = await this.send(`${this.baseUrl}${path}`, { accept }, what);
    if (guarded.res.status === 401) {
      const challenge = guarded.res.headers.get('www-authenticate') ?? '';
      guarded.done();
      await this.answerChallenge(challenge, what);
      guarded = await this.send(`${this.baseUrl}${path}`, { accept }, what);
    }
    const status = guarded.res.status;
    if (status >= 200 && status < 300) return guarded;
    guarded.done();
    await guarded.res.body?.cancel().catch(() => undefined);
    if (status === 401 || status === 403) {
      throw new BulwarkError(
        'REGISTRY_AUTH',
        `${this.ref.registry} refused ${this.credentials ? `the credentials from ${this.credentials.origin}` : 'anonymous access'} for ${what} (HTTP ${status})`,
      );
    }
    if (status === 404)
      throw new BulwarkError('REGISTRY_NOT_FOUND', `${this.ref.registry} has no ${what} (HTTP 404)`);
    throw new BulwarkError(
      'REGISTRY_BAD_RESPONSE',
      `${this.ref.registry} answered HTTP ${status} for ${what}`,
    );
  }

  private async answerChallenge(header: string, what: string): Promise<void> {
    const challenges = parseAuthChallenges(header);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      this.authorization = `Bearer ${await this.fetchToken(bearer.params, what)}`;
      return;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      if (!this.credentials) {
        throw new BulwarkError(
          'REGISTRY_AUTH',
          `${this.ref.registry} requires credentials for ${what}; none given (options, BULWARK_REGISTRY_USERNAME/PASSWORD or docker config.json)`,
        );
      }
      this.authorization = basicAuthorization(this.credentials);
      return;
    }
    throw new BulwarkError(
      'REGISTRY_AUTH',
      `${this.ref.registry} asks for unsupported authentication "${header}"`,
    );
  }

  /** The token endpoint of a Bearer challenge; basic credentials if we have them, else anonymous. */
  private async fetchToken(params: Record<string, string>, what: string): Promise<string> {
    if (!params.realm)
      throw new BulwarkError('REGISTRY_BAD_RESPONSE', `${this.ref.registry}: Bearer challenge without realm`);
    let url: URL;
    try {
      url = new URL(params.realm);
    } catch {
      throw new BulwarkError(
        'REGISTRY_BAD_RESPONSE',
        `${this.ref.registry}: Bearer realm "${params.realm}" is not a URL`,
      );
    }
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? `repository:${this.ref.repository}:pull`);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.credentials) headers.authorization = basicAuthorization(this.credentials);
    const tokenWhat = `a token for ${what} from ${url.origin}`;
    const guarded = await this.send(url.toString(), headers, tokenWhat);
    if (guarded.res.status === 401 || guarded.res.status === 403) {
      guarded.done();
      throw new BulwarkError(
        'REGISTRY_AUTH',
        `${url.host} refused ${this.credentials ? `the credentials from ${this.credentials.origin}` : 'an anonymous token'} for ${what} (HTTP ${guarded.res.status})`,
      );
    }
    if (guarded.res.status !== 200) {
      guarded.done();
      throw new BulwarkError(
        'REGISTRY_BAD_RESPONSE',
        `${url.host} answered HTTP ${guarded.res.status} when asked for ${tokenWhat}`,
      );
    }
    const body = await this.readAll(guarded, 1024 * 1024, tokenWhat);
    let token: unknown;
    try {
      const json = JSON.parse(body.toString('utf8')) as { token?: unknown; access_token?: unknown };
      token = json.token ?? json.access_token;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || token === '') {
      throw new BulwarkError(
        'REGISTRY_BAD_RESPONSE',
        `${url.host} sent no token in its answer for ${tokenWhat}`,
      );
    }
    return token;
  }

  /** One fetch guarded by an inactivity timer that aborts with REGISTRY_TIMEOUT. */
  private async send(url: string, headers: Record<string, string>, what: string): Promise<Guarded> {
    const controller = new AbortController();
    const timeoutError = new BulwarkError(
      'REGISTRY_TIMEOUT',
      `${this.ref.registry} did not answer within ${this.timeoutMs} ms for ${what}`,
    );
    let timer: NodeJS.Timeout | undefined;
    const touch = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(timeoutError), this.timeoutMs);
    };
    const done = (): void => clearTimeout(timer);
    touch();
    const signal = this.options.signal
      ? AbortSignal.any([controller.signal, this.options.signal])
      : controller.signal;
    const allHeaders = { ...headers };
    if (this.authorization && url.startsWith(this.baseUrl)) allHeaders.authorization = this.authorization;
    try {
      const res = await fetch(url, { headers: allHeaders, signal, redirect: 'follow' });
      return { res, touch, done };
    } catch (err) {
      done();
      throw this.mapError(err, what);
    }
  }

  private mapError(err: unknown, what: string): unknown {
    if (err instanceof BulwarkError) return err;
    if (this.options.signal?.aborted) return this.options.signal.reason ?? err;
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    const text = cause instanceof Error ? cause.message : String(cause);
    return new BulwarkError('SOURCE_UNAVAILABLE', `cannot reach ${this.baseUrl} for ${what}: ${text}`, {
      cause: err,
    });
  }
}
