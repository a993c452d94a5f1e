/**
 * Never a false "clean": a server whose vulnerability database file is missing stores the
 * uploaded SBOMs but cannot check them, and every output says so — the image and container
 * lists and details answer `vulnerabilities: null` with a `scanError` reason, never zeros,
 * and the CI poll route answers `vulnerabilitiesChecked: false` with the same reason.
 * Once a database appears, the re-match checks those assets and clears the reason.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OsvRecord } from '../../core/advisory/osv-types.js';
import { TenantScope } from '../../db/tenant.js';
import { type DebianSbom, debianImageSbom } from '../../test-support/debian-sbom.js';
import { importOsvRecords } from '../../test-support/imported-store.js';
import { tempDir } from '../../test-support/registry-push.js';
import { DIALECTS } from '../../test-support/test-databases.js';
import { activateTestSensor, type TestSensor } from '../../test-support/test-sensor.js';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';
import { AdvisorySource } from '../matching/advisory-source.js';
import { rematchInventory } from '../matching/rematch.js';
import { applyOnce } from './idempotency.js';
import { applySbom } from './sbom-ingest.js';

const CONTAINER_SHA = 'deadbe'.padEnd(64, '7');
const STORED_ONLY_SHA = 'feedfa'.padEnd(64, '3');
const DAMAGED_DB_SHA = 'bada55'.padEnd(64, '9');
const SNAPSHOT_IMAGE_SHA = '5ca1ab'.padEnd(64, '2');
const SNAPSHOT_CONTAINER_SHA = '5ca1ab'.padEnd(64, '4');

let debian: DebianSbom;
before(async () => {
  debian = await debianImageSbom('bulwark-test/unchecked-debian:bookworm');
});

for (const dialect of DIALECTS) {
  describe(`uploads a server cannot check (${dialect})`, () => {
    let s: TestServer;
    let sensor: TestSensor;
    let vulnDb: string;
    let source: AdvisorySource;
    before(async () => {
      const dir = await tempDir();
      mkdirSync(join(dir, 'vulndb'));
      // The path the server matches against; nothing is there (no `db update` has run yet).
      vulnDb = join(dir, 'vulndb', 'vuln.db');
      source = new AdvisorySource(vulnDb);
      s = await startTestServer(dialect, { matching: { advisories: source } });
      sensor = await activateTestSensor(s, 'a', { hostname: 'unchecked-1' });
    });
    after(async () => {
      source.close();
      await s.close();
    });

    const get = (url: string, query?: Record<string, string>) =>
      s.app.inject({ url, ...(query ? { query } : {}), headers: { authorization: s.auth.a } });

    it('answers vulnerabilities: null and a reason for the image and the container, in lists and details', async () => {
      const image = await sensor.post('/sbom', {
        schemaVersion: 1,
        assetType: 'IMAGE',
        imageSha: debian.sha,
        sbom: debian.cyclonedx,
      });
      assert.equal(image.statusCode, 200, image.body);
      const container = await sensor.post('/sbom', {
        schemaVersion: 1,
        assetType: 'CONTAINER',
        imageSha: debian.sha,
        containerSha: CONTAINER_SHA,
        sbom: debian.cyclonedx,
      });
      assert.equal(container.statusCode, 200, container.body);

      const list = await get('/csapi/v1.1/images', { filter: `imageId:${debian.sha.slice(0, 12)}` });
      assert.equal(list.statusCode, 200, list.body);
      const summary = list.json().data[0];
      assert.equal(summary.vulnerabilities, null, 'an unchecked image has no counts, not zeros');
      assert.match(summary.scanError, /not checked.*no vulnerability database/);
      const details = (await get(`/csapi/v1.1/images/${debian.sha}`)).json();
      assert.equal(details.vulnerabilities, null);
      assert.match(details.scanError, /not checked/);
      // The CI gate's poll route: complete, but not checked (never a clean build).
      const ci = (await get(`/csapi/v1.1/ci/images/${debian.sha}/vuln`)).json();
      assert.equal(ci.vulnerabilitiesChecked, false);
      assert.match(ci.scanError, /no vulnerability database/);

      const clist = await get('/csapi/v1.1/containers', {
        filter: `containerId:${CONTAINER_SHA.slice(0, 12)}`,
      });
      assert.equal(clist.statusCode, 200, clist.body);
      assert.equal(clist.json().count, 1);
      assert.equal(clist.json().data[0].vulnerabilities, null);
      assert.match(clist.json().data[0].scanError, /not checked/);
      const cdetails = (await get(`/csapi/v1.1/containers/${CONTAINER_SHA.slice(0, 12)}`)).json();
      assert.equal(cdetails.vulnerabilities, null);
      assert.match(cdetails.scanError, /not checked/);

      // QQL finds them: `scanError:*` lists what could not be checked.
      const unchecked = await get('/csapi/v1.1/images', { filter: 'scanError:*' });
      assert.ok(
        unchecked.json().data.some((i: { sha: string }) => i.sha === debian.sha),
        unchecked.body,
      );
      const uncheckedContainers = await get('/csapi/v1.1/containers', { filter: 'scanError:*' });
      assert.equal(uncheckedContainers.json().count, 1, uncheckedContainers.body);
    });

    it('a database without advisories for the image OS release still says "not checked"; a full one clears it', async () => {
      const record = (ecosystem: string, name: string): OsvRecord =>
        ({
          id: `TEST-${ecosystem.replace(/\W/g, '')}-1`,
          modified: '2026-01-01T00:00:00Z',
          affected: [
            {
              package: { ecosystem, name },
              ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '99:1' }] }],
            },
          ],
        }) as OsvRecord;
      const load = (records: OsvRecord[]) => importOsvRecords(vulnDb, join(vulnDb, '..', 'osv'), records);
      // Debian 11 data only: the bookworm (Debian 12) image's packages cannot be checked.
      await load([record('Debian:11', 'bash')]);
      const first = await rematchInventory(s.db.db, source);
      assert.equal(first.checked, true);
      let details = (await get(`/csapi/v1.1/images/${debian.sha}`)).json();
      assert.equal(details.vulnerabilities, null);
      assert.match(details.scanError, /no advisories for this OS release/);
      const ci = await get(`/csapi/v1.1/ci/images/${debian.sha}/vuln`);
      assert.equal(ci.json().vulnerabilitiesChecked, false, 'a database without the release: not clean');
      assert.match(ci.json().scanError, /no advisories for this OS release/);
      // Debian 12 data arrives: the re-match checks the image and container and clears the reason.
      const bash = debian.sbom.packages.find((p) => p.name === 'bash');
      assert.ok(bash);
      await load([record('Debian:12', bash.source?.name ?? 'bash')]);
      await rematchInventory(s.db.db, source);
      details = (await get(`/csapi/v1.1/images/${debian.sha}`)).json();
      assert.equal(details.scanError, null, JSON.stringify(details.scanError));
      const checkedCi = (await get(`/csapi/v1.1/ci/images/${debian.sha}/vuln`)).json();
      assert.equal(checkedCi.vulnerabilitiesChecked, true, 'the re-match checked it: the gate may judge');
      assert.equal(checkedCi.vulnerabilities.length, 1);
      assert.ok(details.vulnerabilities, 'checked: counts again');
      assert.equal(
        details.vulnerabilities.severity1Count +
          details.vulnerabilities.severity2Count +
          details.vulnerabilities.severity3Count +
          details.vulnerabilities.severity4Count +
          details.vulnerabilities.severity5Count,
        1,
      );
      const cdetails = (await get(`/csapi/v1.1/containers/${CONTAINER_SHA.slice(0, 12)}`)).json();
      assert.equal(cdetails.scanError, undefined, 'checked: no reason');
      assert.ok(cdetails.vulnerabilities);
    });

    it('an image and a container known only from an inventory snapshot read "not scanned", not clean', async () => {
      const snap = await sensor.post('/inventory', {
        schemaVersion: 1,
        takenAt: Date.now(),
        images: [{ sha: SNAPSHOT_IMAGE_SHA, repoTags: ['bulwark-test/never-scanned:1'] }],
        containers: [
          { sha: SNAPSHOT_CONTAINER_SHA, name: 'never-ran', imageSha: SNAPSHOT_IMAGE_SHA, state: 'CREATED' },
        ],
      });
      assert.equal(snap.statusCode, 200, snap.body);
      const list = await get('/csapi/v1.1/images', { filter: `imageId:${SNAPSHOT_IMAGE_SHA.slice(0, 12)}` });
      assert.equal(list.json().data[0].vulnerabilities, null, 'never scanned: no counts, not zeros');
      assert.match(list.json().data[0].scanError, /not scanned/);
      const image = (await get(`/csapi/v1.1/images/${SNAPSHOT_IMAGE_SHA}`)).json();
      assert.equal(image.vulnerabilities, null);
      assert.match(image.scanError, /not scanned/);
      const container = (await get(`/csapi/v1.1/containers/${SNAPSHOT_CONTAINER_SHA.slice(0, 12)}`)).json();
      assert.equal(container.vulnerabilities, null);
      assert.match(container.scanError, /not scanned/);
      const clean = await get('/csapi/v1.1/images', { filter: 'vulnerabilities.severity5Count:0' });
      assert.ok(!clean.json().data.some((i: { sha: string }) => i.sha === SNAPSHOT_IMAGE_SHA), clean.body);
    });

    it('an SBOM stored but not matched yet (matching failed, or the process died) reads "not checked"', async () => {
      // The upload's transaction alone, as a crash right after its commit leaves it.
      const scope = new TenantScope(s.db.db, s.customers.a);
      const up = { key: 'crash-test', scope, sensorId: null, hostId: null, source: 'CLI' };
      const body = {
        schemaVersion: 1,
        assetType: 'IMAGE',
        imageSha: STORED_ONLY_SHA,
        sbom: debian.cyclonedx,
      };
      await applyOnce(scope, up.key, 'crash-key-1', 'sbom', (tx) =>
        applySbom(tx, up, body as Parameters<typeof applySbom>[2], debian.sbom, Date.now()),
      );
      const details = (await get(`/csapi/v1.1/images/${STORED_ONLY_SHA}`)).json();
      assert.equal(details.vulnerabilities, null, 'unmatched packages have no counts, not zeros');
      assert.match(details.scanError, /not checked.*not been matched yet/);
      // The re-match job checks it, as it does every asset left "not checked".
      await rematchInventory(s.db.db, source);
      const after = (await get(`/csapi/v1.1/images/${STORED_ONLY_SHA}`)).json();
      assert.equal(after.scanError, null, JSON.stringify(after.scanError));
      assert.ok(after.vulnerabilities);
    });

    it('a damaged vulnerability database file: the upload is kept and reads "not checked", not a 500', async () => {
      writeFileSync(vulnDb, 'this is not a vulnerability database\n'.repeat(100));
      const container = await sensor.post('/sbom', {
        schemaVersion: 1,
        assetType: 'CONTAINER',
        imageSha: debian.sha,
        containerSha: DAMAGED_DB_SHA,
        sbom: debian.cyclonedx,
      });
      assert.equal(container.statusCode, 200, container.body);
      const details = (await get(`/csapi/v1.1/containers/${DAMAGED_DB_SHA.slice(0, 12)}`)).json();
      assert.equal(details.vulnerabilities, null);
      assert.match(details.scanError, /not checked.*could not be read/);
    });
  });
}
