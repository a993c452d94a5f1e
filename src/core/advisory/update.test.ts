import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import {
  goDir,
  leftovers,
  pypiDir,
  rawRecords,
  sha256,
  tempDir,
  zipEntries,
} from '../../test-support/advisory-test-helpers.js';
import { isBulwarkError } from '../errors.js';
import { importAdvisories } from './import.js';
import type { OsvRecord } from './osv-types.js';
import { AdvisoryStore } from './store.js';
import { updateAdvisories } from './update.js';

const goRecords = rawRecords(goDir).map((r) => r.record);
const pypiRecords = rawRecords(pypiDir).map((r) => r.record);
const zipOf = (records: OsvRecord[]): Buffer => Buffer.from(zipSync(zipEntries(records)));
const goZip = zipOf(goRecords);
const pypiZip = zipOf(pypiRecords);

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

interface TestServer {
  url: string;
  /** `METHOD url if-none-match` per request, in order. */
  seen: string[];
  routes: Map<string, Handler>;
  close(): void;
}

const servers: TestServer[] = [];
after(() => {
  for (const s of servers) s.close();
});

async function listen(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; close(): void }> {
  const server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** An OSV-bucket lookalike on loopback: `/<Ecosystem>/all.zip`. */
async function osvServer(routes: Record<string, Handler>): Promise<TestServer> {
  const counts = new Map<string, number>();
  const seen: string[] = [];
  const map = new Map(Object.entries(routes));
  const { url, close } = await listen((req, res) => {
    const path = decodeURIComponent(req.url ?? '');
    seen.push(`${req.method} ${path} ${req.headers['if-none-match'] ?? '-'}`);
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const handler = map.get(path);
    if (handler) handler(req, res, n);
    else res.writeHead(404).end('no such object');
  });
  const server = { url, seen, routes: map, close };
  servers.push(server);
  return server;
}

/** Serves `body` with an ETag and honours If-None-Match like GCS does. */
const zipWithEtag =
  (body: Buffer, etag: string): Handler =>
  (req, res) => {
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { etag, 'content-length': body.length, 'content-type': 'application/zip' }).end(body);
  };

const fail =
  (status: number): Handler =>
  (_req, res) =>
    void res.writeHead(status).end('oops');

function open<T>(dbPath: string, fn: (store: AdvisoryStore) => T): T {
  const store = AdvisoryStore.open(dbPath);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

const fast = { retries: 0, backoffMs: 5, timeoutMs: 5000, env: {} };

describe('updateAdvisories over HTTP', () => {
  it('downloads, then sends If-None-Match and keeps records on 304, then refreshes one ecosystem', async () => {
    const server = await osvServer({
      '/Go/all.zip': zipWithEtag(goZip, '"go-1"'),
      '/PyPI/all.zip': zipWithEtag(pypiZip, '"py-1"'),
    });
    const dbPath = join(tempDir(), 'cache', 'vuln.db');
    const opts = { ...fast, source: server.url, ecosystems: ['Go', 'pypi'] };

    const first = await updateAdvisories(dbPath, opts);
    assert.deepEqual(
      first.ecosystems.map((e) => [e.ecosystem, e.status, e.records]),
      [
        ['Go', 'updated', 10],
        ['PyPI', 'updated', 10],
      ],
    );
    assert.equal(first.totalRecords, 20);
    open(dbPath, (store) => {
      assert.deepEqual(store.status().ecosystems, { Go: 10, PyPI: 10 });
      assert.equal(store.status().sources.find((s) => s.name === 'osv:Go')?.etag, '"go-1"');
      assert.equal(store.get('CVE-2021-32807')?.id, 'PYSEC-2021-335');
    });

    const second = await updateAdvisories(dbPath, opts);
    assert.deepEqual(
      second.ecosystems.map((e) => [e.status, e.records, e.bytes]),
      [
        ['not-modified', 10, 0],
        ['not-modified', 10, 0],
      ],
    );
    assert.deepEqual(server.seen.slice(2), ['GET /Go/all.zip "go-1"', 'GET /PyPI/all.zip "py-1"']);
    open(dbPath, (store) => assert.equal(store.status().recordCount, 20));

    // Go's archive changes and loses two records; PyPI is unchanged.
    server.routes.set('/Go/all.zip', zipWithEtag(zipOf(goRecords.slice(2)), '"go-2"'));
    const third = await updateAdvisories(dbPath, opts);
    assert.deepEqual(
      third.ecosystems.map((e) => [e.ecosystem, e.status, e.records]),
      [
        ['Go', 'updated', 8],
        ['PyPI', 'not-modified', 10],
      ],
    );
    open(dbPath, (store) => {
      assert.deepEqual(store.status().ecosystems, { Go: 8, PyPI: 10 });
      assert.equal(store.get(goRecords[0]!.id), undefined, 'a record gone from the archive is gone');
      assert.equal(store.get(goRecords[5]!.id)?.id, goRecords[5]!.id);
    });
    assert.deepEqual(leftovers(join(dbPath, '..')), []);
  });

  it('retries a 500 with backoff, then succeeds', async () => {
    const ok = zipWithEtag(goZip, '"g"');
    const server = await osvServer({
      '/Go/all.zip': (req, res, n) => (n === 1 ? fail(503)(req, res, n) : ok(req, res, n)),
    });
    const dbPath = join(tempDir(), 'vuln.db');
    const started = Date.now();
    const summary = await updateAdvisories(dbPath, {
      ...fast,
      retries: 3,
      backoffMs: 40,
      source: server.url,
      ecosystems: ['Go'],
    });
    assert.equal(summary.totalRecords, 10);
    assert.equal(server.seen.length, 2);
    assert.ok(Date.now() - started >= 40, 'waited before retrying');
  });

  it('reports each retry as a progress event (the CLI shows them on a terminal)', async () => {
    const ok = zipWithEtag(goZip, '"g"');
    const server = await osvServer({
      '/Go/all.zip': (req, res, n) => (n < 3 ? fail(503)(req, res, n) : ok(req, res, n)),
    });
    const retries: string[] = [];
    await updateAdvisories(join(tempDir(), 'vuln.db'), {
      ...fast,
      retries: 3,
      source: server.url,
      ecosystems: ['Go'],
      onProgress: (event) => {
        if (event.phase === 'retry')
          retries.push(`${event.ecosystem} ${event.attempt}/${event.retries} ${event.reason}`);
      },
    });
    assert.deepEqual(retries, ['Go 1/3 HTTP 503', 'Go 2/3 HTTP 503']);
  });

  describe('a failed update leaves the previous database byte-identical', () => {
    const truncatedMember = Buffer.from(
      zipSync({ 'GO-2099-0001.json': Buffer.from('{"id": "GO-2099-0001", "modi') }),
    );
    const cases: {
      name: string;
      pypi: Handler;
      opts?: object;
      code: string;
      message: RegExp;
      requests?: number;
    }[] = [
      {
        name: 'truncated zip (served in full)',
        pypi: zipWithEtag(pypiZip.subarray(0, pypiZip.length - 40), '"t"'),
        code: 'ADVISORY_SOURCE',
        message: /PyPI\/all\.zip: corrupt zip archive/,
      },
      {
        name: 'server error on every attempt',
        pypi: fail(500),
        opts: { retries: 2 },
        code: 'ADVISORY_SOURCE',
        message: /cannot download http:\/\/127\.0\.0\.1:\d+\/PyPI\/all\.zip: HTTP 500 \(3 attempts\)/,
        requests: 3,
      },
      {
        name: 'not found (no retry)',
        pypi: fail(404),
        opts: { retries: 3 },
        code: 'ADVISORY_SOURCE',
        message: /HTTP 404$/,
        requests: 1,
      },
      {
        name: 'server that hangs',
        pypi: () => undefined,
        opts: { timeoutMs: 300 },
        code: 'ADVISORY_SOURCE',
        message: /PyPI\/all\.zip: no answer within 0\.3 s \(1 attempt\)/,
      },
      {
        name: 'connection cut mid-body',
        pypi: (_req, res) => {
          res.writeHead(200, { 'content-length': pypiZip.length });
          res.write(pypiZip.subarray(0, 100));
          setTimeout(() => res.destroy(), 20);
        },
        opts: { retries: 1 },
        code: 'ADVISORY_SOURCE',
        message: /PyPI\/all\.zip: .*\(2 attempts\)/,
        requests: 2,
      },
      {
        name: 'checksum mismatch (x-goog-hash)',
        pypi: (_req, res) =>
          void res
            .writeHead(200, { 'x-goog-hash': 'crc32c=AAAAAA==,md5=AAAAAAAAAAAAAAAAAAAAAA==' })
            .end(pypiZip),
        code: 'ADVISORY_SOURCE',
        message: /MD5 checksum mismatch/,
      },
      {
        name: 'a record that does not parse',
        pypi: zipWithEtag(truncatedMember, '"r"'),
        code: 'ADVISORY_INVALID',
        message: /PyPI\/all\.zip!GO-2099-0001\.json: invalid JSON/,
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const dir = tempDir();
        const dbPath = join(dir, 'vuln.db');
        await importAdvisories(dbPath, [goDir]);
        const before = sha256(dbPath);
        const server = await osvServer({ '/Go/all.zip': zipWithEtag(goZip, '"g"'), '/PyPI/all.zip': c.pypi });
        await assert.rejects(
          updateAdvisories(dbPath, { ...fast, ...c.opts, source: server.url, ecosystems: ['Go', 'PyPI'] }),
          (err: unknown) => {
            assert.ok(isBulwarkError(err), String(err));
            assert.equal(err.code, c.code);
            assert.match(err.message, c.message);
            return true;
          },
        );
        assert.equal(sha256(dbPath), before);
        assert.deepEqual(leftovers(dir), [], 'downloads and temp database removed');
        if (c.requests) assert.equal(server.seen.filter((s) => s.includes('/PyPI/')).length, c.requests);
      });
    }
  });

  it('goes through a proxy: --proxy, and HTTP_PROXY from the environment', async () => {
    const server = await osvServer({ '/Go/all.zip': zipWithEtag(goZip, '"g"') });
    const proxied: string[] = [];
    // A forwarding proxy without CONNECT: it only understands absolute-URI requests.
    const proxy = await listen((req, res) => {
      proxied.push(`${req.method} ${req.url}`);
      const upstream = httpRequest(req.url ?? '', { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    servers.push({ ...proxy, seen: [], routes: new Map() });
    const dbPath = join(tempDir(), 'vuln.db');
    await updateAdvisories(dbPath, { ...fast, source: server.url, ecosystems: ['Go'], proxy: proxy.url });
    await updateAdvisories(dbPath, {
      ...fast,
      source: server.url,
      ecosystems: ['Go'],
      full: true,
      env: { HTTP_PROXY: proxy.url },
    });
    assert.deepEqual(proxied, [`GET ${server.url}/Go/all.zip`, `GET ${server.url}/Go/all.zip`]);
    assert.equal(server.seen.length, 2);
    open(dbPath, (store) => assert.equal(store.status().recordCount, 10));
  });
});

describe('updateAdvisories from a local directory (air-gapped mirror)', () => {
  it('reads <Ecosystem>/all.zip or an <Ecosystem>/ folder, and skips an unchanged zip', async () => {
    const mirror = tempDir();
    mkdirSync(join(mirror, 'Go'));
    writeFileSync(join(mirror, 'Go', 'all.zip'), goZip);
    cpSync(pypiDir, join(mirror, 'PyPI'), { recursive: true });
    const dbPath = join(tempDir(), 'vuln.db');
    const first = await updateAdvisories(dbPath, { source: mirror, ecosystems: ['Go', 'PyPI'] });
    assert.deepEqual(
      first.ecosystems.map((e) => [e.ecosystem, e.status, e.records]),
      [
        ['Go', 'updated', 10],
        ['PyPI', 'updated', 10],
      ],
    );
    const second = await updateAdvisories(dbPath, { source: `file://${mirror}`, ecosystems: ['Go', 'PyPI'] });
    assert.deepEqual(
      second.ecosystems.map((e) => e.status),
      ['not-modified', 'updated'],
    );
    open(dbPath, (store) => {
      assert.deepEqual(store.status().ecosystems, { Go: 10, PyPI: 10 });
      assert.equal(store.lookup('PyPI', 'Pillow').length, 2);
    });
    const before = sha256(dbPath);
    await assert.rejects(
      updateAdvisories(dbPath, { source: mirror, ecosystems: ['npm'] }),
      /no npm\/all\.zip or npm\/ directory/,
    );
    assert.equal(sha256(dbPath), before);
  });

  it('rejects an ecosystem OSV does not define', async () => {
    await assert.rejects(
      updateAdvisories(join(tempDir(), 'vuln.db'), { ecosystems: ['cobol'] }),
      (err: unknown) => {
        assert.ok(isBulwarkError(err, 'USAGE'));
        return true;
      },
    );
  });
});
