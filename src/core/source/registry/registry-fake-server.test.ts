/**
 * The registry source against a stand-in registry written here with node:http on 127.0.0.1:
 * the Bearer token flow (which the real test registry, htpasswd-only, cannot show) and
 * registries that misbehave. Every failure must be a BulwarkError with the right code and a
 * one-line message.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { makeGzipLayer } from '../../../test-support/registry-push.js';
import { isBulwarkError } from '../../errors.js';
import { generateSbom } from '../../scan/generate-sbom.js';
import type { SourceOptions } from '../types.js';
import { registrySource } from './registry-source.js';

const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const TOKEN = 'tok-3f9a';

interface FakeImage {
  manifest: string;
  manifestDigest: string;
  configDigest: string;
  layerDigest: string;
  blobs: Map<string, Buffer>;
}

async function fakeImage(): Promise<FakeImage> {
  const layer = await makeGzipLayer({ 'etc/hello.txt': 'hello from the fake registry\n' });
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [layer.diffID] },
  });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      digest: sha(config),
      size: config.length,
    },
    layers: [
      {
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
        digest: sha(layer.blob),
        size: layer.blob.length,
      },
    ],
  });
  return {
    manifest,
    manifestDigest: sha(manifest),
    configDigest: sha(config),
    layerDigest: sha(layer.blob),
    blobs: new Map([
      [sha(config), Buffer.from(config)],
      [sha(layer.blob), layer.blob],
    ]),
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse, base: string) => void;

async function listen(handler: Handler): Promise<{ server: Server; base: string; host: string }> {
  let base = '';
  const server = createServer((req, res) => handler(req, res, base));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return { server, base, host: `127.0.0.1:${port}` };
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const opts = (extra: Partial<SourceOptions> = {}): SourceOptions => ({ tempDir: '/nonexistent', ...extra });

function expectCode(code: string): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(isBulwarkError(err), `expected a BulwarkError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.ok(!err.message.includes('\n'), `message is not one line: ${err.message}`);
    return true;
  };
}

describe('registry source: Bearer token flow (fake token server)', () => {
  let image: FakeImage;
  let fake: { server: Server; base: string; host: string };
  const tokenRequests: { query: URLSearchParams; authorization: string | undefined }[] = [];
  const unauthorizedHits: string[] = [];

  before(async () => {
    image = await fakeImage();
    fake = await listen((req, res, base) => {
      const url = new URL(req.url ?? '/', base);
      if (url.pathname === '/token') {
        tokenRequests.push({ query: url.searchParams, authorization: req.headers.authorization });
        const anonymousOk = url.searchParams.get('scope') === 'repository:public/app:pull';
        const basicOk =
          req.headers.authorization === `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
        if (!anonymousOk && !basicOk) return void res.writeHead(401).end('{"errors":[]}');
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ token: TOKEN }));
      }
      // Storage a blob redirects to: no auth, like a signed S3 URL.
      if (url.pathname.startsWith('/storage/')) {
        const blob = image.blobs.get(url.pathname.slice('/storage/'.length));
        return void (blob ? res.writeHead(200).end(blob) : res.writeHead(404).end());
      }
      const match = /^\/v2\/(private|public)\/app\/(manifests|blobs)\/(.+)$/.exec(url.pathname);
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        unauthorizedHits.push(url.pathname);
        const scope = match ? `repository:${match[1]}/app:pull` : '';
        return void res
          .writeHead(401, {
            'www-authenticate': `Bearer realm="${base}/token",service="fake-registry",scope="${scope}"`,
          })
          .end();
      }
      if (match?.[2] === 'manifests' && (match[3] === 'v1' || match[3] === image.manifestDigest)) {
        return void res
          .writeHead(200, { 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' })
          .end(image.manifest);
      }
      if (match?.[2] === 'blobs' && match[3] === image.layerDigest) {
        return void res.writeHead(307, { location: `/storage/${match[3]}` }).end();
      }
      const blob = match?.[2] === 'blobs' ? image.blobs.get(match[3]!) : undefined;
      if (blob) return void res.writeHead(200).end(blob);
      res.writeHead(404).end();
    });
  });
  after(() => stop(fake.server));

  it('gets a token with basic credentials, then manifests and redirected blobs with it', async () => {
    tokenRequests.length = 0;
    const opened = await registrySource.open(
      `${fake.host}/private/app:v1`,
      opts({ registry: { username: 'alice', password: 's3cret' } }),
    );
    assert.equal(opened.manifestDigest, image.manifestDigest);
    assert.equal(opened.imageId, image.configDigest);
    assert.deepEqual(opened.repoTags, [`${fake.host}/private/app:v1`]);
    assert.deepEqual(opened.repoDigests, [`${fake.host}/private/app@${image.manifestDigest}`]);
    assert.equal(opened.layers.length, 1);
    const layer = opened.layers[0]!;
    assert.equal(layer.digest, image.layerDigest);
    const bytes = Buffer.concat(await (await layer.open()).toArray());
    assert.equal(sha(bytes), image.layerDigest);
    assert.match(gunzipSync(bytes).toString('latin1'), /hello from the fake registry/);
    // One token for the whole session, asked for the challenge's service and scope.
    assert.equal(tokenRequests.length, 1);
    assert.equal(tokenRequests[0]!.query.get('service'), 'fake-registry');
    assert.equal(tokenRequests[0]!.query.get('scope'), 'repository:private/app:pull');
    assert.equal(tokenRequests[0]!.authorization, `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
    await opened.close();
  });

  it('gets an anonymous token when no credentials are configured', async () => {
    tokenRequests.length = 0;
    const opened = await registrySource.open(
      `${fake.host}/public/app:v1`,
      opts({ registry: { dockerConfigPath: '/nonexistent' } }),
    );
    assert.equal(opened.imageId, image.configDigest);
    assert.equal(tokenRequests.length, 1);
    assert.equal(tokenRequests[0]!.authorization, undefined);
  });

  it('a consumer that waits before reading does not trip the timeout', async () => {
    const opened = await registrySource.open(
      `${fake.host}/private/app:v1`,
      opts({ registry: { username: 'alice', password: 's3cret', timeoutMs: 200 } }),
    );
    const stream = await opened.layers[0]!.open();
    await sleep(500);
    assert.equal(sha(Buffer.concat(await stream.toArray())), image.layerDigest);
  });

  it('fails with REGISTRY_AUTH when the token server refuses the credentials', async () => {
    await assert.rejects(
      registrySource.open(
        `${fake.host}/private/app:v1`,
        opts({ registry: { username: 'alice', password: 'wrong' } }),
      ),
      expectCode('REGISTRY_AUTH'),
    );
  });

  it('fails with REGISTRY_NOT_FOUND for a tag the registry does not have', async () => {
    await assert.rejects(
      registrySource.open(
        `${fake.host}/private/app:nope`,
        opts({ registry: { username: 'alice', password: 's3cret' } }),
      ),
      expectCode('REGISTRY_NOT_FOUND'),
    );
  });
});

describe('registry source: misbehaving registries (fake server)', () => {
  let image: FakeImage;
  let fake: { server: Server; base: string; host: string };

  before(async () => {
    image = await fakeImage();
    fake = await listen((req, res) => {
      const path = req.url ?? '/';
      const repo = /^\/v2\/([a-z0-9-]+)\//.exec(path)?.[1] ?? '';
      const send = (status: number, body: string | Buffer, type = 'application/json'): void =>
        void res.writeHead(status, { 'content-type': type }).end(body);
      switch (repo) {
        case 'garbage':
          return send(200, '<html>definitely not a manifest', 'text/html');
        case 'missing':
          return send(404, '{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
        case 'locked':
          return void res.writeHead(401, { 'www-authenticate': 'Basic realm="locked"' }).end();
        case 'weird-auth':
          return void res.writeHead(401, { 'www-authenticate': 'Negotiate' }).end();
        case 'broken':
          return send(500, 'internal error');
        case 'hangs':
          return; // never answers
        case 'schema1':
          return send(200, JSON.stringify({ schemaVersion: 1, name: 'schema1', tag: 'v1', fsLayers: [] }));
        case 'no-config':
          return send(200, JSON.stringify({ schemaVersion: 2, layers: [] }));
        case 'tampered':
        case 'stalls': {
          if (path.includes('/manifests/'))
            return send(200, image.manifest, 'application/vnd.docker.distribution.manifest.v2+json');
          const digest = path.slice(path.lastIndexOf('/') + 1);
          const blob = image.blobs.get(digest);
          if (!blob) return send(404, '');
          if (digest !== image.layerDigest) return send(200, blob, 'application/octet-stream');
          if (repo === 'tampered') {
            const copy = Buffer.from(blob);
            copy[copy.length - 1] = (copy[copy.length - 1]! + 1) % 256;
            return send(200, copy, 'application/octet-stream');
          }
          // Half the layer, then silence.
          res.writeHead(200, {
            'content-type': 'application/octet-stream',
            'content-length': String(blob.length),
          });
          return void res.write(blob.subarray(0, blob.length >> 1));
        }
        default:
          return send(404, '');
      }
    });
  });
  after(() => stop(fake.server));

  const cases: [string, string, Partial<SourceOptions>][] = [
    ['answers garbage', 'garbage', {}],
    ['answers 404', 'missing', {}],
    ['answers 401 to every credential', 'locked', { registry: { username: 'u', password: 'p' } }],
    ['answers 401 and nobody has credentials', 'locked', { registry: { dockerConfigPath: '/nonexistent' } }],
    ['asks for an unsupported auth scheme', 'weird-auth', {}],
    ['answers 500', 'broken', {}],
    ['never answers', 'hangs', { registry: { timeoutMs: 300 } }],
    ['serves a schema 1 manifest', 'schema1', {}],
    ['serves a manifest without config', 'no-config', {}],
  ];
  const expected: Record<string, string> = {
    garbage: 'REGISTRY_BAD_RESPONSE',
    missing: 'REGISTRY_NOT_FOUND',
    locked: 'REGISTRY_AUTH',
    'weird-auth': 'REGISTRY_AUTH',
    broken: 'REGISTRY_BAD_RESPONSE',
    hangs: 'REGISTRY_TIMEOUT',
    schema1: 'MANIFEST_INVALID',
    'no-config': 'MANIFEST_INVALID',
  };
  for (const [name, repo, extra] of cases) {
    // No wall-clock assertion: the configured timeout shows in the message, and the
    // generous test timeout only stops a hang (a retry loop) from stalling the run.
    it(`a registry that ${name} → ${expected[repo]}`, { timeout: 60_000 }, async () => {
      await assert.rejects(registrySource.open(`${fake.host}/${repo}:v1`, opts(extra)), (err: unknown) => {
        expectCode(expected[repo]!)(err);
        const timeoutMs = extra.registry?.timeoutMs;
        if (timeoutMs) assert.match((err as Error).message, new RegExp(`within ${timeoutMs} ms`));
        return true;
      });
    });
  }

  it('schema 1 is refused by name', async () => {
    await assert.rejects(registrySource.open(`${fake.host}/schema1:v1`, opts()), /schema 1/);
  });

  it('a layer whose bytes do not match its digest errors the stream with LAYER_DIGEST_MISMATCH', async () => {
    const opened = await registrySource.open(`${fake.host}/tampered:v1`, opts());
    await assert.rejects(
      (async () => text(await opened.layers[0]!.open()))(),
      expectCode('LAYER_DIGEST_MISMATCH'),
    );
  });

  it('the whole pipeline stops on that tampered layer too (the walker leaves the check to the source)', async () => {
    await assert.rejects(
      generateSbom(`registry:${fake.host}/tampered:v1`, { cacheDir: false }),
      expectCode('LAYER_DIGEST_MISMATCH'),
    );
  });

  it('a layer download that stalls errors the stream with REGISTRY_TIMEOUT', async () => {
    const opened = await registrySource.open(
      `${fake.host}/stalls:v1`,
      opts({ registry: { timeoutMs: 300 } }),
    );
    await assert.rejects(
      (async () => (await opened.layers[0]!.open()).toArray())(),
      expectCode('REGISTRY_TIMEOUT'),
    );
  });

  it('a registry nobody listens on → SOURCE_UNAVAILABLE', async () => {
    const closed = await listen(() => undefined);
    await stop(closed.server);
    await assert.rejects(
      registrySource.open(`${closed.host}/app:v1`, opts()),
      expectCode('SOURCE_UNAVAILABLE'),
    );
  });

  it('an invalid reference → IMAGE_REF_INVALID', async () => {
    await assert.rejects(
      registrySource.open(`${fake.host}/UPPER:v1`, opts()),
      expectCode('IMAGE_REF_INVALID'),
    );
  });
});
