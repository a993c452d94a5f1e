/**
 * Scale-out with real processes: two built `bulwark server` processes on one real
 * PostgreSQL and one shared vulnerability database. Both serve the same data; the
 * scheduled re-match (after OSV records are imported) and the retention purge each run
 * exactly once per firing, on one replica or the other.
 */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { importAdvisories } from '../../core/advisory/import.js';
import type { Package } from '../../core/sbom/model.js';
import { writeEvent, writeImage } from '../../db/repositories/inventory-writer.js';
import { setRetention } from '../../db/repositories/retention-repository.js';
import { TenantScope } from '../../db/tenant.js';
import { tempDir } from '../../test-support/registry-push.js';
import { storeImageSoftware } from '../../test-support/stored-software.js';
import { freshDatabase, type TestDatabase } from '../../test-support/test-databases.js';

const bin = fileURLToPath(new URL('../../../bin/bulwark.js', import.meta.url));
const PASSWORD = 'scale-out password';
const bookworm = { family: 'debian' as const, version: '12', name: 'Debian 12' };

interface Replica {
  child: ChildProcessWithoutNullStreams;
  url: string;
}

function startReplica(args: string[]): Promise<Replica> {
  const child = spawn(process.execPath, [bin, 'server', '--port', '0', '--log-level', 'warn', ...args], {
    env: { ...process.env, NO_COLOR: '1', BULWARK_ADMIN_USER: 'admin', BULWARK_ADMIN_PASSWORD: PASSWORD },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m && /vuln db:/.test(out)) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.on('close', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

async function images(r: Replica): Promise<unknown> {
  const res = await fetch(`${r.url}/csapi/v1.1/images?pageSize=50`, {
    headers: { authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` },
  });
  assert.equal(res.status, 200);
  return res.json();
}

describe('two bulwark server replicas on one PostgreSQL', () => {
  let t: TestDatabase;
  let dir: string;
  const replicas: Replica[] = [];
  before(async () => {
    t = await freshDatabase('postgres');
    dir = await tempDir();
    mkdirSync(join(dir, 'vulndb'));
    const args = [
      '--database-url',
      (t.target as { url: string }).url,
      '--vuln-db',
      join(dir, 'vulndb', 'vuln.db'),
      '--rematch-interval',
      '1',
      '--purge-interval',
      '1',
      '--job-timeout',
      '30',
    ];
    // One after the other: the first bootstraps the customer, the second finds it.
    replicas.push(await startReplica(args));
    replicas.push(await startReplica(args));
  });
  after(async () => {
    for (const r of replicas) r.child.kill('SIGTERM');
    await sleep(500);
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serve the same data; the re-match and the purge each run once', { timeout: 240_000 }, async () => {
    const customer = await t.db.selectFrom('customers').select('id').executeTakeFirstOrThrow();
    const scope = new TenantScope(t.db, customer.id);
    const image = await writeImage(scope, { sha: 'b'.repeat(64) });
    const pkg: Package = {
      type: 'deb',
      name: 'libssl3',
      version: '3.0.11-1~deb12u2',
      source: { name: 'openssl' },
      location: { path: 'var/lib/dpkg/status' },
    };
    await storeImageSoftware(t.db, customer.id, image, [pkg], bookworm);
    await setRetention(scope, 'events', 1);
    for (let i = 0; i < 3; i++)
      await writeEvent(scope, {
        occurred: Date.now() - 2 * 86_400_000,
        event: 'die',
        type: 'CONTAINER',
        sensorUuid: null,
        hostId: null,
      });
    const osv = join(dir, 'osv');
    mkdirSync(osv);
    writeFileSync(
      join(osv, 'DSA-1-1.json'),
      JSON.stringify({
        id: 'DSA-1-1',
        modified: '2026-01-01T00:00:00Z',
        aliases: ['CVE-2026-1111'],
        affected: [
          {
            package: { ecosystem: 'Debian:12', name: 'openssl' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.13-1~deb12u1' }] }],
          },
        ],
      }),
    );
    await importAdvisories(join(dir, 'vulndb', 'vuln.db'), [osv]);

    // Wait for both schedules to have fired and finished (cron: once a minute).
    const completed = async (name: string) =>
      t.db
        .selectFrom('job_runs')
        .selectAll()
        .where('name', '=', name)
        .where('state', '=', 'COMPLETED')
        .execute();
    for (let i = 0; i < 200; i++) {
      const rematched = (await completed('rematch')).some((r) => JSON.parse(r.result_json!).opened > 0);
      const purged = (await completed('retention-purge')).some((r) => JSON.parse(r.result_json!).events > 0);
      if (rematched && purged) break;
      await sleep(1000);
    }
    const runs = await t.db.selectFrom('job_runs').selectAll().orderBy('started_at').execute();
    const effective = (name: string, key: 'opened' | 'events') =>
      runs.filter((r) => r.name === name && r.result_json && (JSON.parse(r.result_json)[key] ?? 0) > 0);
    // The change was applied by exactly one run of each job, on one replica.
    assert.equal(effective('rematch', 'opened').length, 1, JSON.stringify(runs));
    assert.equal(effective('retention-purge', 'events').length, 1, JSON.stringify(runs));
    // Each firing of a schedule ran once: no two runs of a job in the same minute.
    for (const name of ['rematch', 'retention-purge']) {
      const minutes = runs.filter((r) => r.name === name).map((r) => Math.floor(r.started_at / 60_000));
      assert.equal(
        new Set(minutes).size,
        minutes.length,
        `${name} ran twice in one minute: ${JSON.stringify(runs)}`,
      );
    }
    const [a, b] = await Promise.all(replicas.map(images));
    assert.deepEqual(a, b);
    const row = await t.db
      .selectFrom('images')
      .select('max_severity')
      .where('id', '=', image)
      .executeTakeFirstOrThrow();
    assert.ok(row.max_severity > 0);
  });
});

describe('a replica killed in the middle of a job', () => {
  let t: TestDatabase;
  let dir: string;
  const replicas: Replica[] = [];
  before(async () => {
    t = await freshDatabase('postgres');
    dir = await tempDir();
  });
  after(async () => {
    for (const r of replicas) r.child.kill('SIGKILL');
    await sleep(500);
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has its job finished by the other replica', { timeout: 300_000 }, async () => {
    const args = [
      '--database-url',
      (t.target as { url: string }).url,
      '--vuln-db',
      join(dir, 'vuln.db'),
      '--purge-interval',
      '1',
      '--rematch-interval',
      '60',
      '--job-timeout',
      '5',
    ];
    const a = await startReplica(args);
    replicas.push(a);
    const customer = await t.db.selectFrom('customers').select('id').executeTakeFirstOrThrow();
    const scope = new TenantScope(t.db, customer.id);
    await setRetention(scope, 'events', 1);
    for (let i = 0; i < 4; i++)
      await writeEvent(scope, {
        occurred: Date.now() - 2 * 86_400_000,
        event: 'die',
        type: 'CONTAINER',
        sensorUuid: null,
        hostId: null,
      });
    // Hold the events table: replica A's purge starts, then blocks inside its transaction.
    const { default: pg } = await import('pg');
    const locker = new pg.Client({ connectionString: (t.target as { url: string }).url });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table events in access exclusive mode');
    const purges = () =>
      t.db
        .selectFrom('job_runs')
        .selectAll()
        .where('name', '=', 'retention-purge')
        .orderBy('started_at')
        .execute();
    let stuck: Awaited<ReturnType<typeof purges>> = [];
    for (let i = 0; i < 120 && stuck.length === 0; i++) {
      stuck = (await purges()).filter((r) => r.state === 'RUNNING');
      if (stuck.length === 0) await sleep(1000);
    }
    assert.equal(stuck.length, 1, 'the purge started on replica A');
    const b = await startReplica(args);
    replicas.push(b);
    a.child.kill('SIGKILL'); // dies mid-job
    await locker.query('rollback');
    await locker.end();
    let done: Awaited<ReturnType<typeof purges>> = [];
    for (let i = 0; i < 120 && done.length === 0; i++) {
      done = (await purges()).filter((r) => r.state === 'COMPLETED' && JSON.parse(r.result_json!).events > 0);
      if (done.length === 0) await sleep(1000);
    }
    assert.equal(done.length, 1, JSON.stringify(await purges()));
    assert.notEqual(done[0]!.runner, stuck[0]!.runner, 'finished by the other replica');
    assert.equal(JSON.parse(done[0]!.result_json!).events, 4);
    // pg-boss retried the abandoned job itself (not only a later firing of the schedule). On a
    // busy machine the schedule may fire (and B run it) before maintenance expires A's job:
    // the retry then completes after it, so it is waited for.
    const retried = async () => {
      const c = new pg.Client({ connectionString: (t.target as { url: string }).url });
      await c.connect();
      try {
        return await c.query<{ state: string; retry_count: number }>(
          "select state, retry_count from pgboss.job where name = 'bulwark-retention-purge' and retry_count > 0",
        );
      } finally {
        await c.end();
      }
    };
    let { rows } = await retried();
    for (let i = 0; i < 120 && !rows.some((r) => r.state === 'completed'); i++) {
      await sleep(1000);
      ({ rows } = await retried());
    }
    assert.ok(
      rows.some((r) => r.state === 'completed'),
      JSON.stringify(rows),
    );
    const left = await t.db.selectFrom('events').select('id').execute();
    assert.equal(left.length, 0);
  });
});
