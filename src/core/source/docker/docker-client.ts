import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { BulwarkError } from '../../errors.js';
import type { DockerOptions } from '../types.js';

export interface DockerConnection {
  docker: Docker;
  /** Where we connect, for messages: `unix:///var/run/docker.sock` or `tcp://host:2376`. */
  endpoint: string;
}

function tlsFiles(certPath: string): { ca: Buffer; cert: Buffer; key: Buffer } {
  try {
    return {
      ca: readFileSync(join(certPath, 'ca.pem')),
      cert: readFileSync(join(certPath, 'cert.pem')),
      key: readFileSync(join(certPath, 'key.pem')),
    };
  } catch (err) {
    throw new BulwarkError('SOURCE_UNAVAILABLE', `cannot read Docker TLS files in ${certPath}`, {
      cause: err,
    });
  }
}

/**
 * A dockerode client for `options.host`, else DOCKER_HOST (with DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH), else the local unix socket. `timeoutMs` is the socket idle timeout.
 */
export async function connectDocker(
  options: DockerOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<DockerConnection> {
  // Loaded on demand: dockerode pulls in gRPC and protobuf, a tenth of a second that
  // every other command (and every archive or registry scan) would otherwise pay.
  const { default: Docker } = await import('dockerode');
  const host = options.host ?? env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const timeout = options.timeoutMs ?? 30_000;
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length) || '/var/run/docker.sock';
    // host: undefined stops docker-modem from preferring a tcp DOCKER_HOST over our socket.
    return { docker: new Docker({ socketPath, host: undefined, timeout }), endpoint: `unix://${socketPath}` };
  }
  let url: URL;
  try {
    url = new URL(host.includes('//') ? host : `tcp://${host}`);
  } catch (err) {
    throw new BulwarkError('USAGE', `Docker host "${host}" is not unix://PATH or tcp://HOST:PORT`, {
      cause: err,
    });
  }
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BulwarkError('USAGE', `Docker host "${host}": only unix:// and tcp:// are supported`);
  }
  const certPath = options.certPath ?? env.DOCKER_CERT_PATH;
  const tls =
    url.protocol === 'https:' || env.DOCKER_TLS_VERIFY === '1' || url.port === '2376' || !!options.certPath;
  const port = url.port || (tls ? '2376' : '2375');
  const docker = new Docker({
    host: url.hostname,
    port,
    protocol: tls ? 'https' : 'http',
    timeout,
    ...(tls && certPath ? tlsFiles(certPath) : {}),
  });
  return { docker, endpoint: `tcp://${url.hostname}:${port}` };
}

/** Maps a dockerode failure to a coded error; connection failures name the endpoint. */
export function dockerError(err: unknown, endpoint: string, what: string): BulwarkError {
  if (err instanceof BulwarkError) return err;
  const e = err as { statusCode?: number; code?: string; message?: string; json?: { message?: string } };
  if (e.statusCode === 404) {
    return new BulwarkError('IMAGE_NOT_FOUND', `the Docker daemon at ${endpoint} has no ${what}`, {
      cause: err,
    });
  }
  if (e.statusCode !== undefined) {
    const detail = e.json?.message ?? e.message ?? `HTTP ${e.statusCode}`;
    if (e.statusCode === 400 && /invalid reference format/.test(detail)) {
      return new BulwarkError('IMAGE_REF_INVALID', `${what}: ${detail}`, { cause: err });
    }
    return new BulwarkError('DAEMON_ERROR', `Docker daemon at ${endpoint}: ${what}: ${detail}`, {
      cause: err,
    });
  }
  const detail = e.code ?? e.message ?? String(err);
  return new BulwarkError('SOURCE_UNAVAILABLE', `cannot reach the Docker daemon at ${endpoint} (${detail})`, {
    cause: err,
  });
}
