/**
 * Talking to a configured registry from the server: a `RegistryClient` (the scanning core's
 * own client, with its auth, rate-limit and token handling) built from the stored
 * configuration with its secrets opened, and `checkConnection`, which really calls the
 * registry's `/v2/` with those credentials and turns every way that can fail into one clear
 * sentence. Only the stored credentials count: never the server's environment or Docker config.
 */
import { BulwarkError, type ErrorCode } from '../../core/errors.js';
import { TokenCache } from '../../core/source/registry/bearer-token.js';
import { ecrCredentials } from '../../core/source/registry/ecr-auth.js';
import type { ImageReference } from '../../core/source/registry/parse-reference.js';
import { RegistryClient } from '../../core/source/registry/registry-client.js';
import type { RegistryWithSecrets } from '../../db/repositories/registries-repository.js';

export interface ConnectionOptions {
  timeoutMs?: number;
  /** Another ECR API endpoint (tests: a loopback stand-in for AWS). */
  ecrEndpoint?: string;
}

/** `https://host:port` → what the client calls the registry; Docker Hub's API lives elsewhere. */
export function registryHost(reg: Pick<RegistryWithSecrets, 'uri' | 'type'>): {
  registry: string;
  apiHost: string;
  insecure: boolean;
} {
  const url = new URL(reg.uri);
  const host = url.host;
  if (reg.type === 'DockerHub' || /(^|\.)docker\.io$/.test(url.hostname))
    return { registry: 'docker.io', apiHost: 'registry-1.docker.io', insecure: false };
  return { registry: host, apiHost: host, insecure: url.protocol === 'http:' };
}

/**
 * A client maker for one registry: ECR's token is fetched once, bearer tokens are shared
 * between the clients it makes (one per repository, as the client is).
 */
export async function registryClients(
  reg: RegistryWithSecrets,
  opts: ConnectionOptions = {},
): Promise<(repository: string) => RegistryClient> {
  const { registry, apiHost, insecure } = registryHost(reg);
  let username = reg.username ?? undefined;
  let password = reg.password ?? undefined;
  if (reg.credentialType === 'AWS') {
    if (!reg.awsRegion) throw new BulwarkError('BAD_REQUEST', 'an AWS registry needs aws.region');
    const ecr = await ecrCredentials({
      region: reg.awsRegion,
      ...(reg.awsAccessKeyId && reg.awsSecretAccessKey
        ? { accessKeyId: reg.awsAccessKeyId, secretAccessKey: reg.awsSecretAccessKey }
        : {}),
      ...(opts.ecrEndpoint ? { endpoint: opts.ecrEndpoint } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    });
    username = ecr.username;
    password = ecr.password;
  }
  const tokens = new TokenCache();
  return (repository) => {
    const ref: ImageReference = { registry, apiHost, repository };
    return new RegistryClient(ref, {
      tokens,
      insecure,
      ambientCredentials: false,
      timeoutMs: opts.timeoutMs ?? 15_000,
      ...(reg.credentialType === 'Token' && reg.token ? { token: reg.token } : {}),
      ...(username !== undefined && password !== undefined && reg.credentialType !== 'Token'
        ? { username, password }
        : {}),
      // One wait at most: an API call should answer, not sit out a long Retry-After.
      rateLimit: { maxRetries: 1, maxWaitMs: 5_000 },
    });
  };
}

const TLS = /certificate|self[- ]signed|SSL|TLS|CERT_|unable to verify|EPROTO|wrong version number/i;

/** Why a registry call failed, as a user should read it: the kind first, then the detail. */
export function explainRegistryError(err: unknown, uri: string): { code: ErrorCode; message: string } {
  const code: ErrorCode = err instanceof BulwarkError ? err.code : 'INTERNAL';
  const detail = err instanceof Error ? err.message : String(err);
  const causeText =
    err instanceof Error && err.cause instanceof Error
      ? `${err.cause.message} ${String((err.cause as { cause?: unknown }).cause ?? '')}`
      : '';
  switch (code) {
    case 'REGISTRY_AUTH':
      return { code, message: `wrong credentials: ${detail}` };
    case 'REGISTRY_TIMEOUT':
      return { code, message: `registry unreachable: ${detail}` };
    case 'REGISTRY_RATE_LIMITED':
      return { code, message: `registry rate limit: ${detail}` };
    case 'REGISTRY_NOT_FOUND':
      return { code, message: `not found: ${detail}` };
    case 'SOURCE_UNAVAILABLE':
      if (TLS.test(detail) || TLS.test(causeText))
        return { code, message: `TLS error talking to ${uri}: ${detail}` };
      return { code, message: `registry unreachable: ${detail}` };
    case 'BAD_REQUEST':
    case 'INPUT_INVALID':
      return { code, message: detail };
    default:
      return { code, message: `unexpected answer from ${uri}: ${detail}` };
  }
}

export type ConnectionCheck = { ok: true } | { ok: false; code: ErrorCode; message: string };

/** GET `/v2/` with the configured credentials (the Distribution API's version check). */
export async function checkConnection(
  reg: RegistryWithSecrets,
  opts: ConnectionOptions = {},
): Promise<ConnectionCheck> {
  try {
    const client = (await registryClients(reg, opts))('bulwark-validate');
    await client.getJson('/v2/', 'the API version check /v2/');
    return { ok: true };
  } catch (err) {
    return { ok: false, ...explainRegistryError(err, reg.uri) };
  }
}
