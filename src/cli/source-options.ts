import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import type { GenerateSbomOptions } from '../core/scan/generate-sbom.js';
import type { Platform } from '../core/source/types.js';
import { parseDuration } from './duration.js';

/** Options every command that reads an image shares (sbom, scan image, later sensor and ci). */
export interface SourceFlags {
  input?: string;
  platform?: string;
  username?: string;
  password?: string;
  insecure?: boolean;
  timeout?: string;
  dockerHost?: string;
  dockerCertPath?: string;
  cacheDir?: string;
  cache?: boolean;
  allowPartial?: boolean;
}

export function addSourceOptions(command: Command): Command {
  return command
    .option('--input <path>', 'image archive, OCI layout or SBOM file to read (instead of REF)')
    .option(
      '--platform <os/arch[/variant]>',
      'platform to pick from a multi-platform image (default: linux/<this machine>)',
    )
    .option('--username <name>', 'registry user (or BULWARK_REGISTRY_USERNAME, or ~/.docker/config.json)')
    .option('--password <secret>', 'registry password or token (or BULWARK_REGISTRY_PASSWORD)')
    .option('--insecure', 'allow plain HTTP to the registry (always allowed on loopback)')
    .option(
      '--timeout <duration>',
      'per-request timeout for registries and the daemon: seconds or 90s, 5m',
      '60',
    )
    .option('--docker-host <url>', 'Docker Engine address (default: DOCKER_HOST or the local socket)')
    .option(
      '--docker-cert-path <dir>',
      'TLS certificates for a tcp Docker Engine (default: DOCKER_CERT_PATH)',
    )
    .option('--cache-dir <dir>', 'layer cache directory (default: BULWARK_CACHE_DIR or ~/.cache/bulwark)')
    .option('--no-cache', 'analyze every layer again, ignoring and not filling the cache')
    .option(
      '--allow-partial',
      'accept an image whose OS package database is malformed (its SBOM is incomplete)',
    );
}

export function parsePlatform(text: string): Platform {
  const [os, architecture, variant] = text.split('/');
  if (!os || !architecture)
    throw new BulwarkError('USAGE', `--platform "${text}": expected os/arch[/variant]`);
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function toGenerateOptions(flags: SourceFlags): GenerateSbomOptions {
  const timeoutMs = parseDuration(flags.timeout ?? '60');
  const options: GenerateSbomOptions = {
    registry: {
      timeoutMs,
      ...(flags.username ? { username: flags.username } : {}),
      ...(flags.password ? { password: flags.password } : {}),
      ...(flags.insecure ? { insecure: true } : {}),
    },
    docker: {
      timeoutMs,
      ...(flags.dockerHost ? { host: flags.dockerHost } : {}),
      ...(flags.dockerCertPath ? { certPath: flags.dockerCertPath } : {}),
    },
  };
  if (flags.allowPartial) options.allowPartial = true;
  if (flags.platform) options.platform = parsePlatform(flags.platform);
  if (flags.cache === false) options.cacheDir = false;
  else if (flags.cacheDir) options.cacheDir = flags.cacheDir;
  return options;
}
