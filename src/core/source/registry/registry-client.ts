import type { Readable } from 'node:stream';
import { BulwarkError } from '../../errors.js';
import { MANIFEST_ACCEPT } from '../oci-manifest.js';
import type { RegistryOptions } from '../types.js';
import { assertDigest, sha256Digest } from '../verify-digest.js';
import { basicAuthorization, type Credentials, parseAuthChallenges, resolveCredentials } from './auth.js';
import { type BearerToken, readTokenAnswer, TokenCache } from './bearer-token.js';
import type { ImageReference } from './parse-reference.js';
import { discard, type Guarded, RegistryTransport, sleep } from './registry-transport.js';
import { DEFAULT_RATE_LIMIT, type RateLimitPolicy, rateLimitWait } from './retry-after.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface FetchedManifest {
  bytes: Buffer;
  contentType: string | undefined;
  /** sha256 of the bytes received (what a client pinning this manifest would write). */
  digest: string;
}

/** What a HEAD of a manifest tells without downloading it. */
export interface ManifestHead {
  /** `Docker-Content-Digest`; undefined when the registry does not send a valid one. */
  digest: string | undefined;
  contentType: string | undefined;
}

/** How this client authenticates, once the registry asked (or the options said). */
type AuthState =
  | { kind: 'static'; header: string }
  | { kind: 'basic'; header: string }
  | { kind: 'bearer'; params: Record<string, string>; key: string };

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

/** A small OCI distribution API client: manifests and blobs of one repository, with auth. */
export class RegistryClient {
  readonly baseUrl: string;
  private readonly http: RegistryTransport;
  private readonly credentials: Credentials | undefined;
  private readonly rateLimit: RateLimitPolicy;
  private readonly tokens: TokenCache;
  private auth: AuthState | undefined;

  constructor(
    private readonly ref: ImageReference,
    private readonly options: RegistryClientOptions = {},
  ) {
    const scheme = options.insecure || isLoopbackHost(ref.apiHost) ? 'http' : 'https';
    this.baseUrl = `${scheme}://${ref.apiHost}`;
    this.http = new RegistryTransport(
      this.baseUrl,
      ref.registry,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      options.signal,
    );
    this.credentials =
      options.ambientCredentials === false
        ? options.username !== undefined && options.password !== undefined
          ? { username: options.username, password: options.password, origin: 'options' }
          : undefined
        : resolveCredentials(ref.registry, options, options.env);
    this.rateLimit = { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
    this.tokens = options.tokens ?? new TokenCache();
    if (options.token) this.auth = { kind: 'static', header: `Bearer ${options.token}` };
  }

  /**
   * HEADs a manifest: the digest a tag points at, without downloading the manifest
   * (Docker Hub counts GETs of manifests against its pull limit, not HEADs).
   */
  async headManifest(reference: string): Promise<ManifestHead> {
    const what = `manifest ${this.ref.repository}:${reference}`;
    const guarded = await this.request(
      'HEAD',
      `/v2/${this.ref.repository}/manifests/${reference}`,
      MANIFEST_ACCEPT,
      what,
    );
    await discard(guarded);
    const digest = guarded.res.headers.get('docker-content-digest') ?? undefined;
    return {
      digest: digest && /^sha256:[a-f0-9]{64}$/.test(digest) ? digest : undefined,
      contentType: guarded.res.headers.get('content-type') ?? undefined,
    };
  }

  /** GETs a manifest or index by tag or digest; when by digest, its bytes are verified. */
  async getManifest(reference: string): Promise<FetchedManifest> {
    const what = `manifest ${this.ref.repository}:${reference}`;
    const guarded = await this.request(
      'GET',
      `/v2/${this.ref.repository}/manifests/${reference}`,
      MANIFEST_ACCEPT,
      what,
    );
    const bytes = await this.http.readAll(guarded, MAX_MANIFEST_BYTES, what);
    if (reference.startsWith('sha256:')) assertDigest(bytes, reference, what);
    return {
      bytes,
      contentType: guarded.res.headers.get('content-type') ?? undefined,
      digest: sha256Digest(bytes),
    };
  }

  /**
   * GETs a small JSON document of the registry API by path (`/v2/`, `/v2/_catalog?n=100`,
   * `/v2/<repo>/tags/list`), with the same auth, rate-limit and error handling as the rest,
   * plus the `Link` header that paginates catalog and tag lists. Used by the server's
   * registry validation and repository listing (issue 12).
   */
  async getJson(path: string, what: string): Promise<{ json: unknown; link: string | undefined }> {
    const guarded = await this.request('GET', path, 'application/json', what);
    const link = guarded.res.headers.get('link') ?? undefined;
    const bytes = await this.http.readAll(guarded, MAX_MANIFEST_BYTES, what);
    try {
      return { json: JSON.parse(bytes.toString('utf8')) as unknown, link };
    } catch {
      throw new BulwarkError('REGISTRY_BAD_RESPONSE', `${this.ref.registry}: ${what} is not JSON`);
    }
  }

  /** GETs a small blob (an image config) whole and verifies its digest. */
  async getBlobBytes(digest: string, maxBytes: number): Promise<Buffer> {
    const what = `blob ${digest} of ${this.ref.repository}`;
    const guarded = await this.request('GET', `/v2/${this.ref.repository}/blobs/${digest}`, '*/*', what);
    const bytes = await this.http.readAll(guarded, maxBytes, what);
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
    const guarded = await this.request('GET', `/v2/${this.ref.repository}/blobs/${digest}`, '*/*', what);
    return this.http.stream(guarded, what);
  }

  /**
   * One request with auth negotiation and rate limiting: a 401 is answered once (a
   * challenge met for the first time, or a bearer token the registry no longer takes,
   * which is dropped and fetched again); a 429 is waited on as the registry's Retry-After
   * asks, a bounded number of times. A bearer token near its expiry is renewed before use.
   */
  private async request(
    method: 'GET' | 'HEAD',
    path: string,
    accept: string,
    what: string,
  ): Promise<Guarded> {
    const url = `${this.baseUrl}${path}`;
    let reauthenticated = false;
    for (;;) {
      const authorization = await this.authorization(what);
      const guarded = await this.sendLimited(method, url, { accept }, authorization, what);
      const status = guarded.res.status;
      if (status === 401 && !reauthenticated && this.auth?.kind !== 'static') {
        const challenge = guarded.res.headers.get('www-authenticate') ?? '';
        await discard(guarded);
        reauthenticated = true;
        const rejected = this.auth?.kind === 'bearer' && authorization !== undefined;
        if (rejected && this.auth?.kind === 'bearer')
          this.tokens.drop(this.auth.key, authorization.slice('Bearer '.length));
        await this.answerChallenge(challenge, what, rejected);
        continue;
      }
      if (status >= 200 && status < 300) return guarded;
      await discard(guarded);
      if (status === 429) {
        throw new BulwarkError(
          'REGISTRY_RATE_LIMITED',
          `${this.ref.registry} answered 429 Too Many Requests for ${what} after ${this.rateLimit.maxRetries} waits`,
        );
      }
      if (status === 401 || status === 403) {
        throw new BulwarkError(
          'REGISTRY_AUTH',
          `${this.ref.registry} refused ${this.describeCredentials()} for ${what} (HTTP ${status})`,
        );
      }
      if (status === 404)
        throw new BulwarkError('REGISTRY_NOT_FOUND', `${this.ref.registry} has no ${what} (HTTP 404)`);
      throw new BulwarkError(
        'REGISTRY_BAD_RESPONSE',
        `${this.ref.registry} answered HTTP ${status} for ${what}`,
      );
    }
  }

  private describeCredentials(): string {
    if (this.options.token) return 'the token given';
    return this.credentials ? `the credentials from ${this.credentials.origin}` : 'anonymous access';
  }

  /** The Authorization header for the next request; a bearer token due for renewal is renewed first. */
  private async authorization(what: string): Promise<string | undefined> {
    const auth = this.auth ?? this.sharedAuth();
    if (!auth) return undefined;
    if (auth.kind !== 'bearer') return auth.header;
    const fresh = this.tokens.fresh(auth.key);
    if (fresh) return `Bearer ${fresh.value}`;
    return `Bearer ${await this.renewToken(auth, what, 'expiring')}`;
  }

  /** What another client of the same job learnt about this repository's auth: spares the anonymous try. */
  private sharedAuth(): AuthState | undefined {
    const params = this.tokens.challenge(this.challengeKey);
    if (!params) return undefined;
    this.auth = { kind: 'bearer', params, key: this.tokenKey(params) };
    return this.auth;
  }

  private async answerChallenge(header: string, what: string, rejected: boolean): Promise<void> {
    const challenges = parseAuthChallenges(header);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      const auth: AuthState = { kind: 'bearer', params: bearer.params, key: this.tokenKey(bearer.params) };
      this.auth = auth;
      this.tokens.rememberChallenge(this.challengeKey, bearer.params);
      if (rejected || !this.tokens.fresh(auth.key))
        await this.renewToken(auth, what, rejected ? 'rejected' : 'initial');
      return;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      if (!this.credentials) {
        throw new BulwarkError(
          'REGISTRY_AUTH',
          `${this.ref.registry} requires credentials for ${what}; none given (options, BULWARK_REGISTRY_USERNAME/PASSWORD or docker config.json)`,
        );
      }
      this.auth = { kind: 'basic', header: basicAuthorization(this.credentials) };
      return;
    }
    throw new BulwarkError(
      'REGISTRY_AUTH',
      `${this.ref.registry} asks for unsupported authentication "${header}"`,
    );
  }

  private get challengeKey(): string {
    return `${this.baseUrl}|${this.ref.repository}`;
  }

  private tokenKey(params: Record<string, string>): string {
    const scope = params.scope ?? `repository:${this.ref.repository}:pull`;
    return [params.realm, params.service, scope, this.credentials?.username ?? ''].join('|');
  }

  private async renewToken(
    auth: Extract<AuthState, { kind: 'bearer' }>,
    what: string,
    reason: 'initial' | 'expiring' | 'rejected',
  ): Promise<string> {
    const token = await this.fetchToken(auth.params, what);
    this.tokens.set(auth.key, token);
    this.options.onEvent?.({
      kind: 'token',
      reason,
      scope: auth.params.scope ?? `repository:${this.ref.repository}:pull`,
    });
    return token.value;
  }

  /** The token endpoint of a Bearer challenge; basic credentials if we have them, else anonymous. */
  private async fetchToken(params: Record<string, string>, what: string): Promise<BearerToken> {
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
    const authorization = this.credentials ? basicAuthorization(this.credentials) : undefined;
    const tokenWhat = `a token for ${what} from ${url.origin}`;
    const guarded = await this.sendLimited('GET', url.toString(), headers, authorization, tokenWhat);
    if (guarded.res.status === 401 || guarded.res.status === 403) {
      await discard(guarded);
      throw new BulwarkError(
        'REGISTRY_AUTH',
        `${url.host} refused ${this.credentials ? `the credentials from ${this.credentials.origin}` : 'an anonymous token'} for ${what} (HTTP ${guarded.res.status})`,
      );
    }
    if (guarded.res.status !== 200) {
      await discard(guarded);
      throw new BulwarkError(
        'REGISTRY_BAD_RESPONSE',
        `${url.host} answered HTTP ${guarded.res.status} when asked for ${tokenWhat}`,
      );
    }
    const body = await this.http.readAll(guarded, 1024 * 1024, tokenWhat);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      json = undefined;
    }
    const token = readTokenAnswer(json);
    if (!token) {
      throw new BulwarkError(
        'REGISTRY_BAD_RESPONSE',
        `${url.host} sent no token in its answer for ${tokenWhat}`,
      );
    }
    return token;
  }

  /** `send`, waiting out 429 answers as the registry's Retry-After asks (bounded, capped). */
  private async sendLimited(
    method: 'GET' | 'HEAD',
    url: string,
    headers: Record<string, string>,
    authorization: string | undefined,
    what: string,
  ): Promise<Guarded> {
    for (let attempt = 1; ; attempt++) {
      const guarded = await this.http.send(method, url, headers, authorization, what);
      if (guarded.res.status !== 429 || attempt > this.rateLimit.maxRetries) return guarded;
      const waitMs = rateLimitWait(guarded.res.headers.get('retry-after'), this.rateLimit);
      await discard(guarded);
      this.options.onEvent?.({ kind: 'rate-limited', url, waitMs, attempt });
      await sleep(waitMs, this.options.signal);
    }
  }
}
