/**
 * `bulwark server` and `bulwark admin` as a user runs them: the built binary, a real
 * listening socket on loopback (port 0), SQLite in a temp dir and the provisioned PostgreSQL.
 */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { testStateDir } from '../../test-support/components.js';
import { runCli } from '../../test-support/run-cli.js';
import { freshDatabase } from '../../test-support/test-databases.js';

const bin = fileURLToPath(new URL('../../../bin/bulwark.js', import.meta.url));

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout: () => string;
  exited: Promise<number | null>;
}

function startServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, [bin, 'server', '--port', '0', '--log-level', 'warn', ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 30_000);
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m && /CustomerId|database:/.test(out)) {
        clearTimeout(timer);
        setTimeout(() => resolve({ child, url: m[1]!, stdout: () => out, exited }), 50);
      }
    });
    child.on('close', (code) => reject(new Error(`server exited ${code}: ${out}${err}`)));
  });
}

const auth = (u: string, p: string) => ({
  authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`,
});

describe('bulwark server / admin (built CLI)', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'bulwark-server-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('bootstraps an empty SQLite data dir, prints login and activation values, serves, and stops on SIGTERM', async () => {
    const dataDir = tmp();
    const s = await startServer(['--data-dir', dataDir], {
      BULWARK_ADMIN_USER: 'root',
      BULWARK_ADMIN_PASSWORD: 'pw-for-root-1',
    });
    assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(s.stdout(), /admin login: root/);
    assert.doesNotMatch(s.stdout(), /pw-for-root-1/);
    const customerId = /CustomerId: +(\S+)/.exec(s.stdout())?.[1];
    assert.match(s.stdout(), /ActivationId: +[0-9a-f-]{36}/);
    const res = await fetch(`${s.url}/csapi/v1.1/images`, { headers: auth('root', 'pw-for-root-1') });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { data: [], count: 0 });
    // admin acts on the same database while the server runs (SQLite WAL).
    const token = await runCli([
      'admin',
      'tokens',
      'create',
      '--data-dir',
      dataDir,
      '--customer',
      customerId!,
      '--user',
      'root',
    ]);
    assert.equal(token.code, 0, token.stderr);
    const secret = /secret: (\S+)/.exec(token.stdout)?.[1];
    const viaToken = await fetch(`${s.url}/csapi/v1.1/sensors`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(viaToken.status, 200);
    s.child.kill('SIGTERM');
    assert.equal(await s.exited, 0);
    // A second start does not bootstrap again.
    const again = await startServer(['--data-dir', dataDir]);
    assert.doesNotMatch(again.stdout(), /admin login/);
    again.child.kill('SIGTERM');
    await again.exited;
  });

  it('generates and prints the admin password once when none is given', async () => {
    const s = await startServer(['--data-dir', tmp()], {
      BULWARK_ADMIN_USER: '',
      BULWARK_ADMIN_PASSWORD: '',
    });
    const password = /admin login: admin \/ (\S+)/.exec(s.stdout())?.[1];
    assert.ok(password, s.stdout());
    assert.equal(
      (await fetch(`${s.url}/csapi/v1.1/events`, { headers: auth('admin', password) })).status,
      200,
    );
    s.child.kill('SIGTERM');
    await s.exited;
  });

  it('runs on PostgreSQL with --database-url and serves HTTPS with --tls-cert/--tls-key', async () => {
    const db = await freshDatabase('postgres', { migrate: false });
    const url = 'url' in db.target ? db.target.url : '';
    await db.close();
    const tls = join(testStateDir(), 'tls');
    const s = await startServer(
      [
        '--database-url',
        url,
        '--tls-cert',
        join(tls, 'server-cert.pem'),
        '--tls-key',
        join(tls, 'server-key.pem'),
      ],
      { BULWARK_ADMIN_USER: 'pgadmin', BULWARK_ADMIN_PASSWORD: 'pg-admin-pw' },
    );
    assert.match(s.url, /^https:/);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${s.url}/csapi/v1.1/images`,
        { ca: readFileSync(join(tls, 'ca.pem')), headers: auth('pgadmin', 'pg-admin-pw') },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 200);
    s.child.kill('SIGTERM');
    assert.equal(await s.exited, 0);
    const list = await runCli(['admin', 'customers', 'list', '--database-url', url]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /\tdefault\t/);
    await db.dispose();
  });

  it('rejects bad flags with a one-line error and exit 2', async () => {
    const bad = await runCli(['server', '--port', '70000']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^error\[USAGE\]: --port "70000"/);
    const badUrl = await runCli(['admin', 'customers', 'list', '--database-url', 'mysql://x']);
    assert.equal(badUrl.code, 2);
    assert.match(badUrl.stderr, /^error\[USAGE\]: --database-url/);
  });
});
