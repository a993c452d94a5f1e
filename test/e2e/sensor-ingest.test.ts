/**
 * The live inventory end to end, on SQLite and PostgreSQL, with a real Debian image and
 * the real test dockerd:
 * - `bulwark scan image --upload` and the sensor endpoints land the image in
 *   GET /csapi/v1.1/images with the severity counts `bulwark scan image` reports for the
 *   same image and vulnerability database;
 * - a container whose writable layer purges one package (less) and installs another (a
 *   package built here with dpkg-deb, installed with dpkg -i) is rogue, with exactly that
 *   new/removed software and the matching new/fixed vulnerabilities.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanCommand } from '../../src/cli/commands/scan.js';
import { importAdvisories } from '../../src/core/advisory/import.js';
import type { OsvRecord } from '../../src/core/advisory/osv-types.js';
import { encodeSbom } from '../../src/core/sbom/format/sbom-formats.js';
import { generateSbom } from '../../src/core/scan/generate-sbom.js';
import { scanImage } from '../../src/core/scan/scan-image.js';
import { ADMIN_ROLE } from '../../src/db/permissions.js';
import {
  createApiToken,
  createCustomer,
  createRole,
  createUser,
} from '../../src/db/repositories/accounts-repository.js';
import { buildApp } from '../../src/server/app.js';
import { AdvisorySource } from '../../src/server/matching/index.js';
import { rematchInventory } from '../../src/server/matching/rematch.js';
import { docker, run } from '../../src/test-support/components.js';
import { debianRootfs, dpkgQuery } from '../../src/test-support/debian-rootfs.js';
import { type DebianSbom, debianImageSbom } from '../../src/test-support/debian-sbom.js';
import { dockerSaveTo } from '../../src/test-support/registry-push.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../src/test-support/test-databases.js';
import { activateTestSensor } from '../../src/test-support/test-sensor.js';
import type { TestServer } from '../../src/test-support/test-server.js';
import { scanDebianRecords } from './scan-debian-records.js';

const TAG = 'bulwark-test/debian:bookworm';
const PROBE = 'bulwark-rogue-probe';
let work: string;
let dbPath: string;
let osvDir: string;
let debian: DebianSbom;
let debianArchive: string;
let lessVersion: string;
/** The container: its 64-hex id and the SBOM of its image + writable layer (docker commit). */
let container: { sha: string; cyclonedx: Record<string, unknown> };

const debian12 = (name: string) => ({
  ecosystem: 'Debian:12',
  name,
  purl: `pkg:deb/debian/${name}?arch=source`,
});
function record(id: string, name: string, fixed: string, score: string): OsvRecord {
  return {
    id,
    modified: '2024-03-01T00:00:00Z',
    published: '2024-03-01T00:00:00Z',
    details: `Test record for ${name}.`,
    severity: [{ type: 'CVSS_V3', score }],
    affected: [
      { package: debian12(name), ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] },
    ],
  };
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-sensor-e2e-'));
  const rows = await dpkgQuery((await debianRootfs()).tarPath);
  const src = (name: string) =>
    rows.find((r) => r.source === name)?.sourceVersion ?? assert.fail(`no ${name}`);
  lessVersion = src('less');
  debian = await debianImageSbom(TAG);
  // `bulwark scan image` reads the same image from an archive of its own.
  debianArchive = join(work, 'image.tar');
  await dockerSaveTo(TAG, debianArchive);
  const records: OsvRecord[] = [
    ...scanDebianRecords({ jq: src('jq'), glibc: src('glibc'), zlib: src('zlib') }),
    record(
      'DEBIAN-CVE-2099-0101',
      'less',
      `${lessVersion}+1`,
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    ),
    record('DEBIAN-CVE-2099-0102', PROBE, '1.0-2', 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N'),
  ];
  const dir = join(work, 'osv');
  osvDir = dir;
  await mkdir(dir);
  for (const r of records) await writeFile(join(dir, `${r.id}.json`), JSON.stringify(r));
  dbPath = join(work, 'vuln.db');
  await importAdvisories(dbPath, [dir]);

  // A real .deb, built by dpkg-deb, installed in the container by dpkg.
  const pkg = join(work, 'probe');
  await mkdir(join(pkg, 'DEBIAN'), { recursive: true });
  await mkdir(join(pkg, 'usr/share/doc', PROBE), { recursive: true });
  await writeFile(
    join(pkg, 'DEBIAN/control'),
    `Package: ${PROBE}\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Bulwark tests <tests@bulwark.invalid>\nDescription: installed by the rogue-container test\n`,
  );
  await writeFile(join(pkg, 'usr/share/doc', PROBE, 'README'), 'probe\n');
  await run('dpkg-deb', ['--root-owner-group', '--build', pkg, join(work, 'probe.deb')]);
  const name = `bulwark-rogue-${randomUUID().slice(0, 8)}`;
  const id = (
    await docker([
      'create',
      '--name',
      name,
      '--network',
      'none',
      TAG,
      'sh',
      '-c',
      'dpkg --purge less && dpkg -i /tmp/probe.deb',
    ])
  ).trim();
  try {
    await docker(['cp', join(work, 'probe.deb'), `${name}:/tmp/probe.deb`]);
    await docker(['start', '-a', name]);
    const committed = `bulwark-test/rogue-commit:${name}`;
    await docker(['commit', name, committed]);
    const archive = join(work, 'container.tar');
    await dockerSaveTo(committed, archive);
    await docker(['rmi', committed]);
    const sbom = await generateSbom(`docker-archive:${archive}`, { cacheDir: false });
    container = { sha: id, cyclonedx: JSON.parse(encodeSbom('cyclonedx', sbom)) as Record<string, unknown> };
  } finally {
    await docker(['rm', '-f', name]).catch(() => '');
  }
});
after(() => rm(work, { recursive: true, force: true }));

/** Distinct vulnerabilities per severity, as the API counts them. */
async function truthCounts() {
  const result = await scanImage(`docker-archive:${debianArchive}`, { dbPath, sbom: { cacheDir: false } });
  const bySeverity = new Map<string, number>();
  for (const f of result.findings) bySeverity.set(f.id, f.severity);
  const n = (s: number) => [...bySeverity.values()].filter((v) => v === s).length;
  return {
    severity5Count: n(5),
    severity3Count: n(3),
    severity4Count: n(4),
    severity1Count: n(1),
    severity2Count: n(2),
  };
}

for (const dialect of DIALECTS) {
  describe(`live inventory end to end (${dialect})`, () => {
    let db: TestDatabase;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let url: string;
    let token: string;
    let customer: string;
    let advisories: AdvisorySource;
    let vulnDb: string;
    before(async () => {
      db = await freshDatabase(dialect);
      customer = await createCustomer(db.db, 'e2e');
      await createRole(db.db, customer, ADMIN_ROLE.name, ADMIN_ROLE.permissions);
      await createUser(db.db, customer, `e2e-${dialect}`, 'correct horse battery', [ADMIN_ROLE.name]);
      token = (await createApiToken(db.db, customer, `e2e-${dialect}`, 'ci', null)).token;
      // Each dialect matches against its own copy: the last test adds a record to it.
      vulnDb = join(work, `vuln-${dialect}.db`);
      await copyFile(dbPath, vulnDb);
      advisories = new AdvisorySource(vulnDb);
      app = await buildApp({ db: db.db, dialect, matching: { advisories } });
      url = await app.listen({ host: '127.0.0.1', port: 0 });
    });
    after(async () => {
      await app.close();
      advisories.close();
      await db.dispose();
    });
    const get = (path: string) => app.inject({ url: path, headers: { authorization: `Bearer ${token}` } });

    it('`scan image --upload` lands the image with the counts `scan image` reports, as source CLI', async () => {
      const out = join(work, `report-${dialect}.json`);
      process.env.BULWARK_TOKEN = token;
      try {
        await scanCommand().parseAsync(
          [
            'image',
            `docker-archive:${debianArchive}`,
            '--db',
            dbPath,
            '--no-cache',
            '--format',
            'json',
            '-o',
            out,
            '--upload',
            url,
          ],
          { from: 'user' },
        );
      } finally {
        delete process.env.BULWARK_TOKEN;
      }
      const list = (await get(`/csapi/v1.1/images?filter=imageId:${debian.sha.slice(0, 12)}`)).json();
      assert.equal(list.count, 1);
      const truth = await truthCounts();
      assert.ok(
        truth.severity1Count +
          truth.severity2Count +
          truth.severity3Count +
          truth.severity4Count +
          truth.severity5Count >
          0,
      );
      assert.deepEqual(list.data[0].vulnerabilities, truth);
      assert.deepEqual(list.data[0].source, ['CLI']);
    });

    it('a sensor upload of the same image gives the same counts, and the container is rogue', async () => {
      const s = { app, customers: { a: customer, b: customer }, db } as unknown as TestServer;
      const sensor = await activateTestSensor(s, 'a', { hostname: 'docker-e2e' });
      const up = await sensor.post(
        '/sbom',
        { schemaVersion: 1, assetType: 'IMAGE', imageSha: debian.sha, sbom: debian.cyclonedx },
        { gzip: true },
      );
      assert.equal(up.statusCode, 200, up.body);
      const image = (await get(`/csapi/v1.1/images/${debian.sha}`)).json();
      assert.deepEqual(image.vulnerabilities, await truthCounts());
      assert.deepEqual([...image.source].sort(), ['CLI', 'GENERAL']);

      const res = await sensor.post(
        '/sbom',
        {
          schemaVersion: 1,
          assetType: 'CONTAINER',
          imageSha: debian.sha,
          containerSha: container.sha,
          containerName: 'rogue-1',
          sbom: container.cyclonedx,
        },
        { gzip: true },
      );
      assert.equal(res.statusCode, 200, res.body);
      const details = (await get(`/csapi/v1.1/containers/${container.sha.slice(0, 12)}`)).json();
      assert.equal(details.isRogue, true);
      assert.equal(details.imageUuid, image.uuid);
      const names = (xs: { name: string }[]) => xs.map((x) => x.name);
      assert.deepEqual(details.rogue.software.new, [{ name: PROBE, version: '1.0-1' }]);
      assert.deepEqual(names(details.rogue.software.removed), ['less']);
      assert.deepEqual(
        details.rogue.vulnerabilities.new.map((v: { id: string }) => v.id),
        ['DEBIAN-CVE-2099-0102'],
      );
      assert.deepEqual(
        details.rogue.vulnerabilities.fixed.map((v: { id: string }) => v.id),
        ['DEBIAN-CVE-2099-0101'],
      );
      assert.deepEqual(details.rogue.vulnerabilities.varied, []);
      const rogues = (await get('/csapi/v1.1/containers?filter=isRogue:true')).json();
      assert.deepEqual(
        rogues.data.map((c: { containerId: string }) => c.containerId),
        [container.sha.slice(0, 12)],
      );
      // The image's own SBOM again (a rescan): the comparison is kept, not lost.
      await sensor.post('/sbom', {
        schemaVersion: 1,
        assetType: 'IMAGE',
        imageSha: debian.sha,
        sbom: debian.cyclonedx,
      });
      assert.equal((await get(`/csapi/v1.1/containers/${container.sha.slice(0, 12)}`)).json().isRogue, true);
    });

    it('a database update re-matches the container and its rogue lists follow, without a rescan', async () => {
      const extra = join(work, `extra-${dialect}`);
      await mkdir(extra, { recursive: true });
      const added = record(
        'DEBIAN-CVE-2099-0103',
        PROBE,
        '1.0-3',
        'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      );
      await writeFile(join(extra, `${added.id}.json`), JSON.stringify(added));
      await importAdvisories(vulnDb, [osvDir, extra]);
      await rematchInventory(db.db, advisories);
      const details = (await get(`/csapi/v1.1/containers/${container.sha.slice(0, 12)}`)).json();
      assert.deepEqual(
        details.rogue.vulnerabilities.new.map((v: { id: string }) => v.id),
        ['DEBIAN-CVE-2099-0102', 'DEBIAN-CVE-2099-0103'],
      );
    });
  });
}
