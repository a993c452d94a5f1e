import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { RegistryOptions } from '../types.js';
import { DOCKER_HUB } from './parse-reference.js';

/** One challenge of a `WWW-Authenticate` header, scheme lowercased, parameter names lowercased. */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

export interface Credentials {
  username: string;
  password: string;
  /** Where they came from, for error messages (never the secret itself). */
  origin: 'options' | 'environment' | 'docker config';
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;
const SPACE = /[ \t]*/y;
const TOKEN68 = /[A-Za-z0-9._~+/-]+=*(?=[ \t]*(?:,|$))/y;

/**
 * Parses a `WWW-Authenticate` header (RFC 9110 §11.6.1) into its challenges:
 * `Bearer realm="https://auth",service="reg",scope="repository:x:pull", Basic realm="r"`.
 * Never throws: whatever cannot be read is left out.
 */
export function parseAuthChallenges(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let pos = 0;
  const skip = (re: RegExp): string | undefined => {
    re.lastIndex = pos;
    const match = re.exec(header);
    if (!match) return undefined;
    pos = re.lastIndex;
    return match[0];
  };
  const quoted = (): string | undefined => {
    if (header[pos] !== '"') return undefined;
    let value = '';
    for (pos++; pos < header.length; pos++) {
      const ch = header[pos]!;
      if (ch === '\\' && pos + 1 < header.length) value += header[++pos];
      else if (ch === '"') {
        pos++;
        return value;
      } else value += ch;
    }
    return value;
  };

  while (pos < header.length) {
    skip(/[ \t,]*/y);
    const scheme = skip(TOKEN);
    if (!scheme) break;
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    // `Basic abc123==`: a token68 credential instead of parameters; we have no use for it.
    skip(SPACE);
    if (skip(TOKEN68) !== undefined) continue;
    for (;;) {
      const save = pos;
      skip(/[ \t,]*/y);
      const name = skip(TOKEN);
      skip(SPACE);
      if (!name || header[pos] !== '=') {
        // Not `name=`: either a new challenge's scheme or the end.
        pos = save;
        break;
      }
      pos++;
      skip(SPACE);
      const value = quoted() ?? skip(TOKEN) ?? '';
      challenge.params[name.toLowerCase()] = value;
    }
    // Junk: move past it so the loop always advances.
    if (pos < header.length && !/[ \t,]/.test(header[pos]!)) skip(/[^,]*/y);
  }
  return challenges;
}

/** The keys a Docker CLI config may file a registry's credentials under. */
function configKeys(registry: string): string[] {
  const keys = [
    registry,
    `https://${registry}`,
    `http://${registry}`,
    `https://${registry}/v1/`,
    `https://${registry}/v2/`,
  ];
  if (registry === DOCKER_HUB) {
    keys.unshift(
      'https://index.docker.io/v1/',
      'index.docker.io',
      'registry-1.docker.io',
      'https://registry-1.docker.io',
    );
  }
  return keys;
}

interface DockerConfigAuth {
  auth?: string;
  username?: string;
  password?: string;
}

/** Credentials from a Docker CLI config.json `auths` map; credential helpers are not run. */
export function dockerConfigCredentials(registry: string, configPath: string): Credentials | undefined {
  let auths: Record<string, DockerConfigAuth>;
  try {
    const parsed = JSON.parse(readFileSync(configPath, 'utf8')) as {
      auths?: Record<string, DockerConfigAuth>;
    };
    auths = parsed.auths ?? {};
  } catch {
    // A missing or unreadable config simply offers no credentials.
    return undefined;
  }
  const byKey = new Map(Object.entries(auths).map(([key, value]) => [key.replace(/\/+$/, ''), value]));
  for (const key of configKeys(registry)) {
    const entry = byKey.get(key.replace(/\/+$/, ''));
    if (!entry) continue;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0)
        return {
          username: decoded.slice(0, colon),
          password: decoded.slice(colon + 1),
          origin: 'docker config',
        };
    }
    if (entry.username && entry.password) {
      return { username: entry.username, password: entry.password, origin: 'docker config' };
    }
  }
  return undefined;
}

/** Credentials in order of precedence: options, BULWARK_REGISTRY_USERNAME/PASSWORD, Docker config. */
export function resolveCredentials(
  registry: string,
  options: RegistryOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Credentials | undefined {
  if (options.username !== undefined && options.password !== undefined) {
    return { username: options.username, password: options.password, origin: 'options' };
  }
  if (env.BULWARK_REGISTRY_USERNAME && env.BULWARK_REGISTRY_PASSWORD !== undefined) {
    return {
      username: env.BULWARK_REGISTRY_USERNAME,
      password: env.BULWARK_REGISTRY_PASSWORD,
      origin: 'environment',
    };
  }
  const configPath =
    options.dockerConfigPath ??
    join(env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker'), 'config.json');
  return dockerConfigCredentials(registry, configPath);
}

export function basicAuthorization(credentials: Pick<Credentials, 'username' | 'password'>): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}
