import { BulwarkError } from '../../errors.js';

/**
 * A parsed image reference, after Docker's normalisation: `alpine` is
 * `docker.io/library/alpine:latest`, served by `registry-1.docker.io`.
 */
export interface ImageReference {
  /** The registry as users name it: `docker.io`, `ghcr.io`, `127.0.0.1:5055`. */
  registry: string;
  /** The host:port the API is served from (`registry-1.docker.io` for `docker.io`). */
  apiHost: string;
  /** Repository path inside the registry, e.g. `library/alpine`. */
  repository: string;
  /** The tag; `latest` when neither tag nor digest was given. */
  tag?: string;
  /** `sha256:<64 hex>` when the reference pins a manifest. */
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';

// The grammar of distribution's reference package, rewritten as anchored pieces.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const MAX_NAME_LENGTH = 255;

function invalid(input: string, why: string): BulwarkError {
  return new BulwarkError('IMAGE_REF_INVALID', `invalid image reference "${input}": ${why}`);
}

/** A first path part names a registry only if it looks like a host (has `.` or `:`, is localhost, or has capitals). */
function looksLikeDomain(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost' || part !== part.toLowerCase();
}

/** Parses `[registry/]repo[:tag][@sha256:…]`; throws IMAGE_REF_INVALID. */
export function parseReference(input: string): ImageReference {
  let rest = input.trim();
  if (rest === '') throw invalid(input, 'empty');

  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      throw invalid(input, `"${digest}" is not a sha256 digest (sha256:<64 lowercase hex>)`);
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw invalid(input, `"${tag}" is not a valid tag`);
  }

  const slash = rest.indexOf('/');
  let registry = DOCKER_HUB;
  let path = rest;
  if (slash >= 0 && looksLikeDomain(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    path = rest.slice(slash + 1);
    if (!DOMAIN.test(registry)) throw invalid(input, `"${registry}" is not a valid registry host`);
  }
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;

  if (path === '') throw invalid(input, 'no repository name');
  for (const component of path.split('/')) {
    if (!COMPONENT.test(component)) {
      throw invalid(
        input,
        `"${component}" is not a valid repository path component (lowercase, digits, . _ -)`,
      );
    }
  }
  if (`${registry}/${path}`.length > MAX_NAME_LENGTH) throw invalid(input, 'name longer than 255 characters');

  const ref: ImageReference = {
    registry,
    apiHost: registry === DOCKER_HUB ? DOCKER_HUB_API : registry,
    repository: path,
  };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  if (tag === undefined && digest === undefined) ref.tag = 'latest';
  return ref;
}

/** The short name Docker shows: `alpine` for docker.io/library/alpine, `host:5000/x/y` elsewhere. */
export function familiarName(ref: Pick<ImageReference, 'registry' | 'repository'>): string {
  if (ref.registry !== DOCKER_HUB) return `${ref.registry}/${ref.repository}`;
  return ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : ref.repository;
}

/** The normalised full form: `docker.io/library/alpine:3.20`, with `@digest` when pinned. */
export function formatReference(ref: ImageReference): string {
  const name = `${ref.registry}/${ref.repository}`;
  return `${name}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
