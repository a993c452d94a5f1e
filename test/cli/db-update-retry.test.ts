import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

// `bulwark db update` on a terminal (a real pty from util-linux `script`) against a
// loopback mirror that fails once: the retry is shown, with the reason and the wait.
const bin = fileURLToPath(new URL('../../bin/bulwark.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'bulwark-retry-'));
after(() => rmSync(work, { recursive: true, force: true }));

const record = {
  id: 'GO-2099-0001',
  modified: '2024-01-01T00:00:00Z',
  affected: [
    {
      package: { ecosystem: 'Go', name: 'example.com/x' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
    },
  ],
};
const zip = Buffer.from(zipSync({ 'GO-2099-0001.json': Buffer.from(JSON.stringify(record)) }));

test('retries show on a terminal, with the reason and the wait', async () => {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    if (requests === 1) return void res.writeHead(503).end('busy');
    res.writeHead(200, { 'content-length': zip.length }).end(zip);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  try {
    const command = [
      process.execPath,
      bin,
      'db',
      'update',
      '--db',
      join(work, 'vuln.db'),
      '--source',
      `http://127.0.0.1:${port}`,
      '--ecosystem',
      'Go',
      '--retries',
      '2',
    ]
      .map((arg) => `'${arg}'`)
      .join(' ');
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        env: { ...process.env, NO_COLOR: '1', TERM: 'dumb' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (d) => {
        text += d;
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text}`))));
    });
    assert.match(output, /Go: HTTP 503; retry 1 of 2 in \d+ s/);
    assert.match(output, /Go: updated, 1 records/);
    assert.equal(requests, 2);
  } finally {
    server.close();
  }
});
