import type { PackageOrigin } from '../../../sbom/model.js';

/**
 * Where an npm-family dependency comes from when it is not the registry, read from the spec
 * a lockfile records (`github:a/b#v1`, `file:../x`, `https://…/x.tgz`) and from what it
 * resolved to. Undefined means the registry: a semver range, a tag, an `npm:` alias.
 */

/** Protocols of the project's own code (yarn, pnpm, npm). */
const localProtocols = ['file:', 'link:', 'portal:', 'workspace:', 'exec:'];
const gitHostPrefixes: Record<string, string> = {
  'github:': 'https://github.com/',
  'gitlab:': 'https://gitlab.com/',
  'bitbucket:': 'https://bitbucket.org/',
};

function isGitUrl(text: string): boolean {
  return (
    /^(?:git\+|git:|git@|ssh:)/.test(text) ||
    /^https?:\/\/[^#]*\.git(?:#|$)/.test(text) ||
    text.startsWith('gist:')
  );
}

/** `owner/repo#ref` (npm's GitHub shorthand) or `github:owner/repo#ref` → an https git URL. */
function gitHostUrl(spec: string): string | undefined {
  for (const [prefix, base] of Object.entries(gitHostPrefixes)) {
    if (spec.startsWith(prefix)) return hostUrl(base, spec.slice(prefix.length));
  }
  return /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec) ? hostUrl('https://github.com/', spec) : undefined;
}

function hostUrl(base: string, rest: string): string {
  const hash = rest.indexOf('#');
  const repo = hash < 0 ? rest : rest.slice(0, hash);
  return `${base}${repo.replace(/\.git$/, '')}.git${hash < 0 ? '' : rest.slice(hash)}`;
}

/** yarn berry writes `#commit=<sha>`; npm and yarn classic a bare `#<sha>`. */
function tidyGit(url: string): string {
  return url.replace(/#commit=/, '#');
}

/** From a dependency spec (the part after `name@`) and, when known, what it resolved to. */
export function specOrigin(spec: string, resolved?: string): PackageOrigin | undefined {
  if (spec.startsWith('npm:')) return undefined;
  if (localProtocols.some((p) => spec.startsWith(p))) return { kind: 'path', location: spec };
  if (isGitUrl(spec) || (resolved !== undefined && isGitUrl(resolved))) {
    return { kind: 'git', location: tidyGit(resolved !== undefined && isGitUrl(resolved) ? resolved : spec) };
  }
  const hosted = gitHostUrl(spec);
  if (hosted) return { kind: 'git', location: hosted };
  if (/^https?:\/\//.test(spec)) return { kind: 'url', location: spec };
  return undefined;
}

/**
 * From what a package-lock `resolved` says alone. Registry tarballs (npmjs or a private
 * registry) all have the `/<name>/-/<file>.tgz` shape; any other URL is a tarball dependency.
 */
export function resolvedOrigin(resolved: string | undefined): PackageOrigin | undefined {
  if (resolved === undefined) return undefined;
  if (isGitUrl(resolved)) return { kind: 'git', location: tidyGit(resolved) };
  if (resolved.startsWith('file:')) return { kind: 'path', location: resolved };
  if (/^https?:\/\//.test(resolved) && !resolved.includes('/-/')) return { kind: 'url', location: resolved };
  return undefined;
}
