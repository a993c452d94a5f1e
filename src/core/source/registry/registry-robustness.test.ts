/**
 * The registry client against REAL registries when the network is unkind: the provisioned
 * registry (127.0.0.1:5055, htpasswd) and private `docker-registry` instances with token
 * auth (src/test-support/registry-instances.ts; the registry validates the issuer's JWTs
 * itself). Throttling is staged by a loopback proxy in front of the real registry, since no
 * registry we can run throttles on command; everything else is the registry's own answer.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testRegistry } from '../../../test-support/components.js';
import {
  pushTinyImage,
  type RegistryInstance,
  startRegistryInstance,
  type TokenAccess,
} from '../../../test-support/registry-instances.js';
import { type RegistryProxy, startRegistryProxy } from '../../../test-support/registry-proxy.js';
import {
  makeGzipLayer,
  OCI_MANIFEST,
  ociManifest,
  putManifest,
  uploadBlob,
} from '../../../test-support/registry-push.js';
import { isBulwarkError } from '../../errors.js';
import { type BearerToken, TokenCache } from './bearer-token.js';
import { parseReference } from './parse-reference.js';
import { RegistryClient, type RegistryClientOptions } from './registry-client.js';
import type { RegistryClientEvent } from './registry-events.js';

const REPO = `bulwark-test/robust-${randomUUID().slice(0, 8)}`;
let proxy: RegistryProxy;
let pushed: { manifestDigest: string; configDigest: string; layerDigest: string };

/** A one-layer OCI image pushed by hand through the provisioned registry's API. */
async function pushHandmade(repo: string, tag: string) {
  const layer = await makeGzipLayer({ 'etc/robust.txt': `${randomUUID()}\n` });
  const layerDigest = await uploadBlob(repo, layer.blob);
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [layer.diffID] },
  });
  const configDigest = await uploadBlob(repo, Buffer.from(config));
  const manifest = ociManifest(config, configDigest, [{ digest: layerDigest, size: layer.blob.length }]);
  const manifestDigest = await putManifest(repo, tag, OCI_MANIFEST, manifest);
  return { manifestDigest, configDigest, layerDigest };
}

function client(host: string, repo: string, extra: Partial<RegistryClientOptions> = {}) {
  const reg = testRegistry();
  return new RegistryClient(parseReference(`${host}/${repo}:v1`), {
    username: reg.username,
    password: reg.password,
    ambientCredentials: false,
    ...extra,
  });
}

const pathOf = (digestOrTag: string) => `/v2/${REPO}/manifests/${digestOrTag}`;

describe('registry client: 429 Too Many Requests (real registry behind a throttling proxy)', () => {
  before(async () => {
    pushed = await pushHandmade(REPO, 'v1');
    proxy = await startRegistryProxy(testRegistry().host);
  });
  after(async () => proxy.close());

  it('waits the Retry-After seconds before the one retry, then succeeds', async () => {
    proxy.throttle({ match: (m, p) => m === 'GET' && p === pathOf('v1'), times: 1, retryAfter: '1' });
    const events: RegistryClientEvent[] = [];
    const manifest = await client(proxy.host, REPO, { onEvent: (e) => events.push(e) }).getManifest('v1');
    assert.equal(manifest.digest, pushed.manifestDigest);
    const tries = proxy.requests.filter(
      (r) => r.method === 'GET' && r.path === pathOf('v1') && r.status !== 401,
    );
    assert.deepEqual(
      tries.map((r) => r.status),
      [429, 200],
      'one throttled try, one retry: not hammered',
    );
    // The retry was not sent before the registry allowed it (a lower bound, not a speed claim).
    assert.ok(tries[1]!.at - tries[0]!.at >= 990, `retried after ${tries[1]!.at - tries[0]!.at} ms`);
    assert.deepEqual(
      events.filter((e) => e.kind === 'rate-limited').map((e) => e.kind === 'rate-limited' && e.waitMs),
      [1000],
    );
  });

  it('reads an HTTP-date Retry-After, and caps a wait longer than allowed', async () => {
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    proxy.throttle({
      match: (m, p) => m === 'GET' && p.includes('/blobs/'),
      times: 1,
      retryAfter: inTwoSeconds,
    });
    proxy.throttle({ match: (m, p) => m === 'GET' && p.includes('/blobs/'), times: 1, retryAfter: '3600' });
    const events: RegistryClientEvent[] = [];
    const c = client(proxy.host, REPO, { onEvent: (e) => events.push(e), rateLimit: { maxWaitMs: 300 } });
    const bytes = await c.getBlobBytes(pushed.configDigest, 1 << 20);
    assert.ok(bytes.length > 0);
    const waits = events.flatMap((e) => (e.kind === 'rate-limited' ? [e.waitMs] : []));
    // Both asked for more than the 300 ms cap: each wait is the cap.
    assert.deepEqual(waits, [300, 300]);
  });

  it('gives up after the allowed number of waits with REGISTRY_RATE_LIMITED, having asked only that often', async () => {
    const before = proxy.requests.length;
    proxy.throttle({ match: (_m, p) => p === pathOf(pushed.manifestDigest), times: 10, retryAfter: '0' });
    await assert.rejects(
      client(proxy.host, REPO, { rateLimit: { maxRetries: 2 } }).getManifest(pushed.manifestDigest),
      (err) => isBulwarkError(err, 'REGISTRY_RATE_LIMITED') && !err.message.includes('\n'),
    );
    const seen = proxy.requests.slice(before).filter((r) => r.path === pathOf(pushed.manifestDigest));
    assert.deepEqual(
      seen.map((r) => r.status),
      [429, 429, 429],
    );
  });

  it('HEAD tells the digest a tag points at without downloading the manifest', async () => {
    const before = proxy.requests.length;
    const head = await client(proxy.host, REPO).headManifest('v1');
    assert.equal(head.digest, pushed.manifestDigest);
    const seen = proxy.requests.slice(before).filter((r) => r.path === pathOf('v1'));
    assert.ok(seen.length > 0 && seen.every((r) => r.method === 'HEAD'), JSON.stringify(seen));
  });

  it('HEAD of a tag that does not exist → REGISTRY_NOT_FOUND', async () => {
    await assert.rejects(client(proxy.host, REPO).headManifest('no-such-tag'), (err) =>
      isBulwarkError(err, 'REGISTRY_NOT_FOUND'),
    );
  });
});

describe('registry client: bearer tokens that expire mid-job (real token-auth registry)', () => {
  let reg: RegistryInstance;
  // Only to see the registry's answers (its log leaves out 401s); it changes nothing.
  let watch: RegistryProxy;
  let image: Awaited<ReturnType<typeof pushTinyImage>>;
  before(async () => {
    // Tokens live 2 s: the client renews them after 1.5 s (a quarter early).
    reg = await startRegistryInstance({ auth: 'token', tokenTtlSeconds: 2 });
    image = await pushTinyImage(reg, 'team/app', 'v1', [{ 'etc/a.txt': 'a' }, { 'etc/b.txt': 'b' }]);
    watch = await startRegistryProxy(reg.host);
  });
  after(async () => {
    await watch?.close();
    await reg?.stop();
  });

  const tokenClient = (tokens: TokenCache, events: RegistryClientEvent[]) =>
    new RegistryClient(parseReference(`${watch.host}/team/app:v1`), {
      username: reg.username,
      password: reg.password,
      ambientCredentials: false,
      tokens,
      onEvent: (e) => events.push(e),
    });

  it('renews a token before it expires, so the registry never sees a stale one', async () => {
    const issued = reg.issuer!.requests.length;
    const events: RegistryClientEvent[] = [];
    const c = tokenClient(new TokenCache(), events);
    await c.getManifest('v1');
    await new Promise((r) => setTimeout(r, 1600));
    const layer = await (await c.openBlob(image.layerDigests[0]!)).toArray();
    assert.ok(layer.length > 0);
    const answers = watch.requests.filter((r) => r.path.includes(image.layerDigests[0]!));
    assert.deepEqual(
      answers.map((r) => r.status),
      [200],
    );
    assert.deepEqual(
      events.map((e) => e.kind === 'token' && e.reason),
      ['initial', 'expiring'],
    );
    assert.equal(reg.issuer!.requests.length - issued, 2);
  });

  it('a token the registry rejects mid-job (issuer clock behind) is fetched again and the request retried', async () => {
    // The first token handed to the client expires at the registry within a second (its exp
    // sits at the edge of distribution's 60 s leeway) while the client believes it good for
    // 2 s: what a token service with a lagging clock produces. Later tokens are honest.
    const events: RegistryClientEvent[] = [];
    let first = true;
    const access: TokenAccess[] = [{ type: 'repository', name: 'team/app', actions: ['pull'] }];
    const skewed = new (class extends TokenCache {
      override set(key: string, token: BearerToken): void {
        super.set(key, first ? { ...token, value: reg.issuer!.mint(access, -59) } : token);
        first = false;
      }
    })();
    const c = tokenClient(skewed, events);
    await c.getManifest('v1');
    await new Promise((r) => setTimeout(r, 1200));
    const config = await c.getBlobBytes(image.configDigest, 1 << 20);
    assert.ok(config.length > 0);
    assert.deepEqual(
      watch.requests.filter((r) => r.path.includes(image.configDigest)).map((r) => r.status),
      [401, 200],
      'the stale token was refused once by the registry, then the new one was taken',
    );
    assert.deepEqual(
      events.map((e) => e.kind === 'token' && e.reason),
      ['initial', 'rejected'],
    );
  });
});
