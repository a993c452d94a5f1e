/**
 * Graceful shutdown on a real socket: a request whose body is still arriving when close()
 * is called is finished and answered; new connections are refused afterwards.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { startServer } from './server-main.js';

it('finishes an in-flight request before closing', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bulwark-shutdown-'));
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    target: { dataDir },
    admin: { username: 'admin', password: 'shutdown-pw-1' },
    logLevel: 'silent',
  });
  try {
    const port = Number(new URL(server.url).port);
    const body = JSON.stringify({
      // Loopback, nothing listening: validate really connects, and answers "unreachable".
      registryUri: 'http://127.0.0.1:9',
      registryType: 'V2',
      credentialType: 'None',
    });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let answer = '';
    socket.on('data', (d) => {
      answer += d;
    });
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const auth = Buffer.from('admin:shutdown-pw-1').toString('base64');
    socket.write(
      `POST /csapi/v1.1/registry/validate HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${auth}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 200));
    const closing = server.close();
    await new Promise((r) => setTimeout(r, 200));
    socket.write(body.slice(10));
    await ended;
    await closing;
    assert.match(answer, /^HTTP\/1\.1 200/);
    assert.match(answer, /"valid":false,"errors":\["registry unreachable/);
    await assert.rejects(fetch(`${server.url}/healthz`));
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
