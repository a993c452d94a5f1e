/**
 * The server's scheduled `db update`: with the interval timer under a controllable clock
 * (node:test mock timers), the job fires, downloads the OSV archive from a loopback mirror,
 * and re-matches the stored inventory — the counts change through the API with no rescan.
 * A failing update keeps the old database (same records, same counts) and reports the
 * error in `job_runs` and to the queue's error callback.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { zipSync } from 'fflate';
import type { OsvRecord } from '../../core/advisory/osv-types.js';
import { AdvisoryStore } from '../../core/advisory/store.js';
import { zipEntries } from '../../test-support/advisory-test-helpers.js';
import { type DebianSbom, debianImageSbom } from '../../test-support/debian-sbom.js';
import { tempDir } from '../../test-support/registry-push.js';
import { activateTestSensor } from '../../test-support/test-sensor.js';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';
import { AdvisorySource } from '../matching/advisory-source.js';
import { InProcessJobQueue } from './job-queue.js';

const HOURS = 6;

/** An advisory on a real source package of the image, fixed in a far later version. */
function record(id: string, source: string, modified: string): OsvRecord {
  return {
    id,
    modified,
    summary: `${source} scheduled-update test`,
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: source },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '99:1' }] }],
        ecosystem_specific: { urgency: 'high' },
      },
    ],
  } as OsvRecord;
}

/** The loopback mirror: `/Debian/all.zip`, whose body and ETag the test swaps. */
let mirror: { body: Buffer; etag: string; status: number };

describe('scheduled db update (embedded mode)', () => {
  let debian: DebianSbom;
  let http: Server;
  let url: string;
  let s: TestServer;
  let source: AdvisorySource;
  let queue: InProcessJobQueue;
  const errors: unknown[] = [];
  before(async () => {
    debian = await debianImageSbom('bulwark-test/scheduled-update:bookworm');
    http = createServer((req, res) => {
      if (req.url !== '/Debian/all.zip') return void res.writeHead(404).end();
      if (mirror.status !== 200) return void res.writeHead(mirror.status).end('gone');
      if (req.headers['if-none-match'] === mirror.etag)
        return void res.writeHead(304, { etag: mirror.etag }).end();
      res.writeHead(200, { etag: mirror.etag, 'content-length': mirror.body.length }).end(mirror.body);
    });
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const dir = await tempDir();
    mkdirSync(join(dir, 'vulndb'));
    source = new AdvisorySource(join(dir, 'vulndb', 'vuln.db'));
    s = await startTestServer('sqlite', { matching: { advisories: source } });
    // Only the scheduling timers run on the mock clock; I/O and everything else is real.
    mock.timers.enable({ apis: ['setInterval'] });
    queue = new InProcessJobQueue(
      {
        db: s.db.db,
        advisories: source,
        now: () => Date.now(),
        runner: 'embedded',
        dbUpdate: { source: url, ecosystems: ['Debian'] },
      },
      // The other schedules are far away so only the update fires (and under 2^31 ms: a longer
      // interval is clamped to 1 ms by timers, real and mocked alike).
      {
        dbUpdateEveryHours: HOURS,
        purgeEveryMinutes: 10 * 60 * HOURS,
        rematchEveryMinutes: 10 * 60 * HOURS,
      },
      (_name, err) => errors.push(err),
    );
    await queue.start();
  });
  after(async () => {
    await queue.stop();
    mock.timers.reset();
    source.close();
    await s.close();
    http.closeAllConnections();
    http.close();
  });

  /** Moves the clock past one update interval and waits for that run to be logged as done. */
  async function tick(): Promise<{ state: string; result: Record<string, unknown> }> {
    const done = async () =>
      (
        await s.db.db
          .selectFrom('job_runs')
          .select(['state', 'result_json'])
          .where('name', '=', 'db-update')
          .where('state', '!=', 'RUNNING')
          .execute()
      ).length;
    const before = await done();
    mock.timers.tick(HOURS * 3_600_000);
    // The job runs for real (HTTP, SQLite); wait for its log row, not for a duration.
    for (let spins = 0; (await done()) === before; spins++) {
      // A guard against a hang (a job that never logs), not a timing assertion.
      if (spins > 20000) {
        const runs = await s.db.db.selectFrom('job_runs').selectAll().execute();
        throw new Error(`db-update did not finish: ${JSON.stringify(runs).slice(0, 2000)}`);
      }
      await new Promise((ok) => setImmediate(ok));
    }
    const rows = await s.db.db
      .selectFrom('job_runs')
      .select(['state', 'result_json', 'started_at'])
      .where('name', '=', 'db-update')
      .orderBy('started_at', 'desc')
      .execute();
    const last = rows.find((r) => r.state !== 'RUNNING')!;
    return { state: last.state, result: JSON.parse(last.result_json ?? '{}') as Record<string, unknown> };
  }

  async function image() {
    const res = await s.app.inject({
      url: `/csapi/v1.1/images/${debian.sha}`,
      headers: { authorization: s.auth.a },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { vulnerabilities: Record<string, number> | null; scanError: string | null };
  }
  const total = (v: Record<string, number> | null) =>
    v ? Object.values(v).reduce((a, b) => a + b, 0) : null;

  it('fires on schedule, fetches the loopback mirror, re-matches: counts change through the API; a failed update keeps the old database', async () => {
    const sources = [...new Set(debian.sbom.packages.map((p) => p.source?.name ?? p.name))].sort();
    assert.ok(sources.length > 3);
    const sensor = await activateTestSensor(s, 'a');
    const up = await sensor.post('/sbom', {
      schemaVersion: 1,
      assetType: 'IMAGE',
      imageSha: debian.sha,
      sbom: debian.cyclonedx,
    });
    assert.equal(up.statusCode, 200, up.body);
    let shown = await image();
    assert.equal(shown.vulnerabilities, null, 'no database yet: not checked, not clean');

    mirror = {
      body: Buffer.from(zipSync(zipEntries([record('DEB-T-1', sources[0]!, '2026-01-01T00:00:00Z')]))),
      etag: '"v1"',
      status: 200,
    };
    const first = await tick();
    assert.equal(first.state, 'COMPLETED', JSON.stringify(first.result));
    assert.equal(first.result.totalRecords, 1);
    shown = await image();
    assert.equal(shown.scanError, null);
    assert.equal(total(shown.vulnerabilities), 1, 'the first database: one finding');

    // The mirror publishes a second advisory: the next scheduled run picks it up.
    mirror = {
      body: Buffer.from(
        zipSync(
          zipEntries([
            record('DEB-T-1', sources[0]!, '2026-01-01T00:00:00Z'),
            record('DEB-T-2', sources[1]!, '2026-01-02T00:00:00Z'),
          ]),
        ),
      ),
      etag: '"v2"',
      status: 200,
    };
    const second = await tick();
    assert.equal(second.state, 'COMPLETED', JSON.stringify(second.result));
    assert.equal(total((await image()).vulnerabilities), 2, 'the re-match added the new finding');
    const updatedAt = AdvisoryStore.open(source.path);
    const stamp = updatedAt.status().updatedAt;
    updatedAt.close();

    // The mirror now serves a broken archive: the update fails, the old database stays.
    mirror = { body: Buffer.from('this is not a zip archive'), etag: '"v3"', status: 200 };
    const third = await tick();
    assert.equal(third.state, 'FAILED');
    assert.match(String(third.result.error), /./);
    assert.equal(errors.length, 1, 'the queue reported the failure');
    const kept = AdvisoryStore.open(source.path);
    try {
      assert.equal(kept.status().recordCount, 2, 'the old database is kept');
      assert.equal(kept.status().updatedAt, stamp);
    } finally {
      kept.close();
    }
    shown = await image();
    assert.equal(shown.scanError, null);
    assert.equal(total(shown.vulnerabilities), 2, 'counts unchanged');

    // And an unreachable archive (404) fails the same way.
    mirror = { body: Buffer.alloc(0), etag: '"v4"', status: 404 };
    const fourth = await tick();
    assert.equal(fourth.state, 'FAILED');
    assert.match(String(fourth.result.error), /HTTP 404/);
    assert.equal(total((await image()).vulnerabilities), 2);
  });
});
