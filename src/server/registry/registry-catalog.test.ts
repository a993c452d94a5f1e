/**
 * The `Link: <…>; rel="next"` header of paginated catalog and tag lists, and a registry
 * whose "next" never ends: an error, not a short list that reads as the whole catalog.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import { RegistryClient } from '../../core/source/registry/registry-client.js';
import { listCatalog, nextLink } from './registry-catalog.js';

it('reads the next page from a Link header, same origin only', () => {
  const base = 'http://127.0.0.1:5000';
  assert.equal(nextLink('</v2/_catalog?last=b&n=2>; rel="next"', base), '/v2/_catalog?last=b&n=2');
  assert.equal(nextLink('</v2/x/tags/list?n=2&last=v1>; rel=next', base), '/v2/x/tags/list?n=2&last=v1');
  assert.equal(
    nextLink('<http://127.0.0.1:5000/v2/_catalog?last=c>; rel="next"', base),
    '/v2/_catalog?last=c',
  );
  assert.equal(nextLink('<https://elsewhere.example/v2/_catalog?last=c>; rel="next"', base), undefined);
  assert.equal(nextLink('</v2/_catalog?last=a>; rel="prev"', base), undefined);
  assert.equal(nextLink(undefined, base), undefined);
});

it('a stand-in registry (mock: no real one misbehaves on command) sending the same next page: an error naming it', async () => {
  // Every catalog page says "next: page 2", page 2 included.
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v2/') return res.end('{}');
    res.setHeader('link', '</v2/_catalog?last=a&n=1>; rel="next"');
    res.end(JSON.stringify({ repositories: [req.url?.includes('last=') ? 'b' : 'a'] }));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new RegistryClient(
      { registry: host, apiHost: host, repository: 'bulwark-catalog' },
      { insecure: true, ambientCredentials: false },
    );
    await assert.rejects(listCatalog(client, 1), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'REGISTRY_BAD_RESPONSE');
      assert.match(err.message, /the repository catalog: the registry sent page .*last=a.* again as "next"/);
      return true;
    });
  } finally {
    server.close();
  }
});
