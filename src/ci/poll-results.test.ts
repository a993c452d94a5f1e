/**
 * The polling state machine against a real loopback HTTP server (node:http) that answers a
 * scripted sequence: 204s then 200; 500s and a malformed 200 retried; 400/401/403 stop at
 * once; a server that never completes ends in a timeout; a dead port is retried too. Every
 * call is logged, and the credentials go in the Authorization header.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pollImage, pollUrl } from './poll-results.js';

const sha = `sha256:${'ab'.repeat(32)}`;
const complete = JSON.stringify({
  uuid: 'u1',
  sha: 'ab'.repeat(32),
  imageId: 'abababababab',
  repoTags: ['app:1'],
  operatingSystem: null,
  lastScanned: '1700000000000',
  matchedAt: '1700000000001',
  vulnerabilitiesChecked: true,
  scanError: null,
  vulnerabilities: [],
});

type Answer = [status: number, body?: string];

describe('polling the CI route (real loopback HTTP server)', () => {
  let server: Server;
  let base: URL;
  let script: Answer[] = [];
  let seen: IncomingMessage[] = [];

  before(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      const [status, body] = script.shift() ?? [204];
      res.writeHead(status, body ? { 'content-type': 'application/json' } : {});
      res.end(body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const poll = async (answers: Answer[], timeoutMs = 20_000) => {
    script = [...answers];
    seen = [];
    const lines: string[] = [];
    const outcome = await pollImage(sha, {
      server: base,
      auth: { kind: 'token', token: 'sekret' },
      intervalMs: 10,
      timeoutMs,
      log: (l) => lines.push(l),
    });
    return { outcome, lines };
  };

  it('asks again on 204 and stops at the 200, logging every call', async () => {
    const { outcome, lines } = await poll([[204], [204], [200, complete]]);
    assert.equal(outcome.kind, 'complete');
    assert.equal(outcome.calls, 3);
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /-> 204 processing/);
    assert.match(lines[2] ?? '', /-> 200 complete, 0 vulnerabilities/);
    assert.equal(seen[0]?.url, new URL(pollUrl(base, sha)).pathname);
    assert.equal(seen[0]?.headers.authorization, 'Bearer sekret');
  });

  it('retries 500 and a 200 it cannot read, then completes', async () => {
    const { outcome, lines } = await poll([
      [500, JSON.stringify({ message: 'database down' })],
      [200, '{"not":"the shape"}'],
      [200, complete],
    ]);
    assert.equal(outcome.kind, 'complete');
    assert.equal(outcome.calls, 3);
    assert.match(lines[0] ?? '', /-> 500 database down .*retrying/);
    assert.match(lines[1] ?? '', /unreadable body/);
  });

  for (const status of [400, 401, 403]) {
    it(`stops at once on ${status}`, async () => {
      const { outcome, lines } = await poll([
        [status, JSON.stringify({ message: `refused ${status}` })],
        [200, complete],
      ]);
      assert.deepEqual(outcome, { kind: 'refused', calls: 1, status, message: `refused ${status}` });
      assert.match(lines[0] ?? '', /stopping/);
    });
  }

  it('gives up at the timeout when the image stays in processing', async () => {
    const { outcome, lines } = await poll([], 200);
    assert.equal(outcome.kind, 'timeout');
    assert.ok(outcome.calls >= 2, `asked ${outcome.calls} times`);
    assert.equal(lines.length, outcome.calls);
    if (outcome.kind === 'timeout') assert.match(outcome.lastStatus, /^204/);
  });

  it('a server that cannot be reached is retried until the timeout', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const lines: string[] = [];
    const outcome = await pollImage(sha, {
      server: new URL(`http://127.0.0.1:${port}`),
      auth: { kind: 'basic', user: 'u', password: 'p' },
      intervalMs: 10,
      timeoutMs: 150,
      log: (l) => lines.push(l),
    });
    assert.equal(outcome.kind, 'timeout');
    if (outcome.kind === 'timeout') assert.match(outcome.lastStatus, /no answer/);
    assert.ok(lines.every((l) => /no answer .*retrying/.test(l)));
  });
});
