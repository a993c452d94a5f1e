import type { Readable } from 'node:stream';
import type { SourceKind } from '../sbom/model.js';
import type { LayerChannel } from './layer-channel.js';
import type { TokenCache } from './registry/bearer-token.js';
import type { RegistryClientEvent } from './registry/registry-events.js';
import type { RateLimitPolicy } from './registry/retry-after.js';

/** The parts of an OCI/Docker image config that scanning needs. */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  rootfs: { type: string; diff_ids: string[] };
  history?: { created_by?: string; empty_layer?: boolean }[];
}

export interface ImageLayer {
  /** Digest of the blob as stored (compressed for registries and OCI; equal to diffID for legacy docker save). */
  digest: string;
  /** Digest of the uncompressed tar, from the image config. */
  diffID: string;
  mediaType?: string;
  size?: number;
  /**
   * The raw blob: possibly gzip- or zstd-compressed; the layer walker sniffs it and
   * checks it against `digest`, unless `digestVerified` says the stream does that itself.
   */
  open(): Promise<Readable>;
  /** The stream from `open()` already errors when the blob does not match `digest`. */
  digestVerified?: boolean;
}

export interface OpenedImage {
  kind: SourceKind;
  ref: string;
  imageId: string;
  repoTags: string[];
  repoDigests: string[];
  manifestDigest?: string;
  config: ImageConfig;
  layers: ImageLayer[];
  /**
   * For `dir:` and `rootfs:`: a directory read as it is, in place of layers. Its
   * packages carry no layer, and nothing is cached (a directory has no digest).
   */
  tree?: { root: string; skip: readonly string[] };
  /** Releases temp files, sockets and file handles. */
  close(): Promise<void>;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface RegistryOptions {
  username?: string;
  password?: string;
  /** Allow plain HTTP (always allowed for loopback hosts). */
  insecure?: boolean;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** Path of a Docker CLI config.json to read credentials from (default ~/.docker/config.json). */
  dockerConfigPath?: string;
  /** A bearer token sent as it is (the Token credential type), instead of username/password. */
  token?: string;
  /**
   * false: only the credentials given here count, never BULWARK_REGISTRY_* or a Docker
   * config (a registry sensor scanning a registry configured with no credentials).
   */
  ambientCredentials?: boolean;
  /** How 429 answers are waited on (registry/retry-after.ts). */
  rateLimit?: Partial<RateLimitPolicy>;
  /** Bearer tokens shared between the clients of one job (registry/bearer-token.ts). */
  tokens?: TokenCache;
  /** Told about waits and token renewals, for logs and tests. */
  onEvent?: (event: RegistryClientEvent) => void;
}

export interface DockerOptions {
  /** `unix:///var/run/docker.sock` or `tcp://host:2376`; default DOCKER_HOST or the unix socket. */
  host?: string;
  /** Directory holding ca.pem, cert.pem, key.pem for TLS (default DOCKER_CERT_PATH). */
  certPath?: string;
  timeoutMs?: number;
}

export interface SourceOptions {
  /** A private directory this scan may write to; removed when the scan ends. */
  tempDir: string;
  platform?: Platform;
  registry?: RegistryOptions;
  docker?: DockerOptions;
  signal?: AbortSignal;
  /**
   * Sources that must read a whole stream before they know their layers (a
   * compressed archive, `docker save`) offer each layer member here as they pass
   * it; the caller takes only the members its cache does not hold. Sources that
   * can open any layer at any time ignore it.
   */
  passing?: LayerChannel;
  /** Whether the caller already holds a layer's results, for sources that can then skip reading it. */
  layerCached?: (diffID: string) => Promise<boolean>;
  /**
   * Small blobs (image configs) kept between scans, by digest. `get` returns only
   * bytes that hash to the digest asked for.
   */
  blobs?: {
    get(digest: string): Promise<Buffer | undefined>;
    put(digest: string, bytes: Buffer): Promise<void>;
  };
}

export interface ImageSource {
  /** The prefix users write, as in `docker-archive:./image.tar`. */
  scheme: SourceKind;
  open(location: string, options: SourceOptions): Promise<OpenedImage>;
}
