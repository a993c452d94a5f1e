/**
 * Repository and tag listing through the Distribution API: `/v2/_catalog` and
 * `/v2/<name>/tags/list`, both paginated with `n` and `last` and a `Link: <…>; rel="next"`
 * header that names the next page. Repository names are full paths as the registry
 * stores them (`team/app/api`), which is what schedules must name (reference rule).
 */
import { BulwarkError } from '../../core/errors.js';
import type { RegistryClient } from '../../core/source/registry/registry-client.js';

const PAGE = 100;
/** A registry that keeps sending new "next" pages would otherwise be read forever. */
const MAX_PAGES = 10_000;

/** The path of a `rel="next"` Link (same host only), or undefined. */
export function nextLink(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (!m?.[1]) continue;
    const url = new URL(m[1], base);
    if (url.origin !== new URL(base).origin) return undefined;
    return `${url.pathname}${url.search}`;
  }
  return undefined;
}

async function paginate(
  client: RegistryClient,
  first: string,
  field: string,
  what: string,
): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  let path: string | undefined = first;
  while (path) {
    // A "next" page already read, or no end in sight: the list would be cut short, and a
    // short list reads as complete — say so instead.
    if (seen.has(path))
      throw new BulwarkError(
        'REGISTRY_BAD_RESPONSE',
        `${what}: the registry sent page ${path} again as "next"`,
      );
    if (seen.size >= MAX_PAGES)
      throw new BulwarkError('REGISTRY_BAD_RESPONSE', `${what}: still more pages after ${MAX_PAGES}`);
    seen.add(path);
    const { json, link } = await client.getJson(path, what);
    const items = (json as Record<string, unknown> | null)?.[field];
    if (items !== null && items !== undefined && !Array.isArray(items))
      throw new BulwarkError('REGISTRY_BAD_RESPONSE', `${what}: "${field}" is not a list`);
    for (const item of items ?? []) if (typeof item === 'string') out.push(item);
    path = nextLink(link, client.baseUrl);
  }
  return out;
}

export async function listCatalog(client: RegistryClient, pageSize = PAGE): Promise<string[]> {
  const names = await paginate(
    client,
    `/v2/_catalog?n=${pageSize}`,
    'repositories',
    'the repository catalog',
  );
  return [...new Set(names)].sort();
}

export async function listTags(
  client: RegistryClient,
  repository: string,
  pageSize = PAGE,
): Promise<string[]> {
  const tags = await paginate(
    client,
    `/v2/${repository}/tags/list?n=${pageSize}`,
    'tags',
    `the tags of repository ${repository}`,
  );
  return [...new Set(tags)].sort();
}
