/**
 * From the registry a job names (as the server hands it over, secrets decrypted) to what
 * the core's registry client needs: the host to put in image references, and the client
 * options. Only the job's own credentials are used: never BULWARK_REGISTRY_* or a Docker
 * config on the sensor's machine, which belong to someone else's registries.
 */
import { BulwarkError } from '../../core/errors.js';
import { DOCKER_HUB } from '../../core/source/registry/parse-reference.js';
import type { RegistryOptions } from '../../core/source/types.js';
import type { SensorRegistry } from '../../server/registry/registry-job-protocol.js';

export interface RegistryTarget {
  uuid: string;
  /** `host[:port]` as image references name it (`docker.io` for Docker Hub). */
  host: string;
  options: RegistryOptions;
}

/** `https://host:port/` or bare `host:port` → host and whether plain HTTP was asked for. */
function hostOf(uri: string): { host: string; plainHttp: boolean } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? uri : `https://${uri}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new BulwarkError('INPUT_INVALID', `registry URI "${uri}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new BulwarkError('INPUT_INVALID', `registry URI "${uri}" must be http(s)://`);
  if (url.pathname !== '/' && url.pathname !== '')
    throw new BulwarkError(
      'INPUT_INVALID',
      `registry URI "${uri}" has a path; the registry API lives at /v2/`,
    );
  return { host: url.host, plainHttp: url.protocol === 'http:' };
}

function need(value: string | undefined, what: string, registry: SensorRegistry): string {
  if (value === undefined || value === '')
    throw new BulwarkError(
      'INPUT_INVALID',
      `registry ${registry.uuid} (${registry.credentialType}) has no ${what}`,
    );
  return value;
}

/**
 * The target for a job's registry. AWS registries get their password from ECR at run time
 * (`ecrPassword`): it is a 12-hour token, never stored.
 */
export async function registryTarget(
  registry: SensorRegistry,
  ecrPassword?: (registry: SensorRegistry) => Promise<string>,
): Promise<RegistryTarget> {
  const { host, plainHttp } =
    registry.type === 'DockerHub' && !registry.uri
      ? { host: DOCKER_HUB, plainHttp: false }
      : hostOf(registry.uri);
  const options: RegistryOptions = { ambientCredentials: false, ...(plainHttp ? { insecure: true } : {}) };
  switch (registry.credentialType) {
    case 'None':
      break;
    case 'BasicAuth':
    case 'DockerHub':
      options.username = need(registry.username, 'username', registry);
      options.password = need(registry.password, 'password', registry);
      break;
    case 'Token':
      options.token = need(registry.token, 'token', registry);
      break;
    case 'AWS': {
      if (!ecrPassword) throw new BulwarkError('INPUT_INVALID', 'AWS ECR credentials are not available here');
      options.username = 'AWS';
      options.password = await ecrPassword(registry);
      break;
    }
    default:
      throw new BulwarkError(
        'INPUT_INVALID',
        `registry ${registry.uuid} has an unknown credential type "${registry.credentialType}"`,
      );
  }
  // Docker Hub goes by several names; references (and the repoTags the server stores) use one.
  const hub = host === 'index.docker.io' || host === 'registry-1.docker.io';
  return { uuid: registry.uuid, host: hub ? DOCKER_HUB : host, options };
}
