/**
 * The detail and inventory routes answer with the seeded data (contents, not only shapes);
 * an asset that could not be checked says so on its vuln and vuln/count routes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TenantScope } from '../../../../db/tenant.js';
import { DIALECTS } from '../../../../test-support/test-databases.js';
import { startTestServer, type TestServer } from '../../../../test-support/test-server.js';
import { NOT_CHECKED, recordScanState } from '../../../matching/scan-state.js';
import { SCAN_ERROR_HEADER } from './asset-findings-routes.js';

for (const dialect of DIALECTS) {
  describe(`detail routes (${dialect})`, () => {
    let s: TestServer;
    const get = async (url: string, query?: Record<string, string>) => {
      const res = await s.app.inject({
        url,
        ...(query ? { query } : {}),
        headers: { authorization: s.auth.a },
      });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    };
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(() => s.close());

    it('finds an image by UUID, 12-hex id and sha256:, with software, vulnerabilities, counts and associations', async () => {
      const a = s.seeded.a;
      const sha = a.imageShas.vulnerable;
      for (const ref of [a.images.vulnerable, sha.slice(0, 12), `sha256:${sha}`]) {
        assert.equal((await get(`/csapi/v1.1/images/${encodeURIComponent(ref)}`)).uuid, a.images.vulnerable);
      }
      const details = await get(`/csapi/v1.1/images/${a.images.vulnerable}`);
      assert.deepEqual(details.label, [{ key: 'org.label-schema.vendor', value: 'vendor-a' }]);
      const software = await get(`/csapi/v1.1/images/${a.images.vulnerable}/software`);
      const log4j = software.find((p: { name: string }) => p.name === 'log4j-core');
      assert.equal(log4j.fixVersion, '2.15.0');
      assert.deepEqual(log4j.vulnerabilities, [{ qid: 1001 }]);
      const vulns = await get(`/csapi/v1.1/images/${a.images.vulnerable}/vuln`);
      assert.deepEqual(
        vulns.map((v: { id: string; severity: number }) => [v.id, v.severity]),
        [
          ['CVE-2021-44228', 5],
          ['CVE-2023-4911', 4],
          ['DSA-5000-1', 3],
          ['CVE-2022-0001', 2],
        ],
      );
      assert.deepEqual(await get(`/csapi/v1.1/images/${a.images.vulnerable}/vuln/count`), {
        severity5Count: 1,
        severity3Count: 1,
        severity4Count: 1,
        severity1Count: 0,
        severity2Count: 1,
      });
      const assoc = await get(`/csapi/v1.1/images/${a.images.vulnerable}/association`);
      assert.deepEqual(
        assoc.containers.map((c: { uuid: string }) => c.uuid).sort(),
        [a.containers.running, a.containers.stopped].sort(),
      );
      assert.equal(assoc.hosts.length, 2);
    });

    it('shows container details, software and vulnerabilities', async () => {
      const a = s.seeded.a;
      const c = await get(`/csapi/v1.1/containers/${a.containerShas.running.slice(0, 12)}`);
      assert.equal(c.uuid, a.containers.running);
      assert.equal(c.state, 'RUNNING');
      assert.deepEqual(c.environment, ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
      assert.equal(c.host.hostname, 'docker1-a');
      assert.equal(c.isRogue, false);
      assert.deepEqual(
        (await get(`/csapi/v1.1/containers/${a.containers.running}/software`)).map(
          (p: { name: string }) => p.name,
        ),
        ['log4j-core'],
      );
      assert.equal(
        (await get(`/csapi/v1.1/containers/${a.containers.running}/vuln/count`)).severity5Count,
        1,
      );
      const running = await get('/csapi/v1.1/containers', { filter: 'state:RUNNING' });
      assert.deepEqual(
        running.data.map((x: { uuid: string }) => x.uuid),
        [a.containers.running],
      );
    });

    it('an asset that could not be checked: vuln/count carries scanError, vuln a header, never a bare clean', async () => {
      const a = s.seeded.a;
      const scope = new TenantScope(s.db.db, s.customers.a);
      const reason = `${NOT_CHECKED}no advisories for this OS release (Debian 99)`;
      for (const [type, path, uuid] of [
        ['IMAGE', 'images', a.images.clean],
        ['CONTAINER', 'containers', a.containers.created],
      ] as const) {
        assert.equal((await get(`/csapi/v1.1/${path}/${uuid}/vuln/count`)).scanError, undefined, 'checked');
        const checked = await s.app.inject({
          url: `/csapi/v1.1/${path}/${uuid}/vuln`,
          headers: { authorization: s.auth.a },
        });
        assert.equal(checked.headers[SCAN_ERROR_HEADER], undefined);
        await recordScanState(scope, type, uuid, reason);
        const count = await get(`/csapi/v1.1/${path}/${uuid}/vuln/count`);
        assert.equal(count.scanError, reason, `${path}: zero counts are unknown, and say so`);
        const vulns = await s.app.inject({
          url: `/csapi/v1.1/${path}/${uuid}/vuln`,
          headers: { authorization: s.auth.a },
        });
        assert.equal(vulns.statusCode, 200);
        assert.deepEqual(vulns.json(), []);
        assert.equal(vulns.headers[SCAN_ERROR_HEADER], reason, `${path}: an empty list says why`);
        await recordScanState(scope, type, uuid, null);
      }
    });

    it('answers "which of my images run log4j 2.14?" and lists affected assets per vulnerability', async () => {
      const sw = await get('/csapi/v1.1/software', { filter: 'name:log4j-core and version:2.14*' });
      assert.equal(sw.count, 1);
      assert.deepEqual(sw.data[0].imageUuids, [s.seeded.a.images.vulnerable]);
      assert.deepEqual(sw.data[0].containerUuids, [s.seeded.a.containers.running]);
      const images = await get('/csapi/v1.1/images', {
        filter: 'software.name:log4j-core and software.version:2.14.1',
      });
      assert.deepEqual(
        images.data.map((i: { uuid: string }) => i.uuid),
        [s.seeded.a.images.vulnerable],
      );
      const v = await get('/csapi/v1.1/vulnerabilities', { filter: 'cve:CVE-2021-44228' });
      assert.equal(v.count, 1);
      assert.equal(v.data[0].imagesCount, 1);
      assert.equal(v.data[0].containersCount, 1);
      const bySeverity = await get('/csapi/v1.1/vulnerabilities', { sort: 'severity:asc' });
      assert.deepEqual(
        bySeverity.data.map((x: { severity: number }) => x.severity),
        [2, 3, 4, 5],
      );
    });

    it('shows sensors, registries with schedules and repositories, AWS connectors and the QQL catalog', async () => {
      const a = s.seeded.a;
      const sensor = await get(`/csapi/v1.1/sensors/${a.sensors.unknown}`);
      assert.equal(sensor.status, 'UNKNOWN');
      const reg = await get(`/csapi/v1.1/registry/${a.registry}`);
      assert.equal(reg.registryType, 'V2-Private');
      assert.equal(reg.schedules[0].scheduleUuid, a.schedule);
      assert.ok(!('password' in reg), 'credentials are never returned');
      assert.deepEqual(await get(`/csapi/v1.1/registry/${a.registry}/repository`), []);
      const put = await s.app.inject({
        method: 'PUT',
        url: `/csapi/v1.1/registry/${a.registry}/schedule/${a.schedule}`,
        headers: { authorization: s.auth.a },
        payload: {
          name: 'renamed',
          scheduleType: 'DAILY',
          timeOfDay: '03:30',
          filters: [{ repo: 'library/nginx' }],
        },
      });
      assert.equal(put.statusCode, 200, put.body);
      const schedules = await get(`/csapi/v1.1/registry/${a.registry}/schedule`);
      assert.deepEqual([schedules[0].name, schedules[0].timeOfDay], ['renamed', '03:30']);
      const created = await s.app.inject({
        method: 'POST',
        url: '/csapi/v1.1/registry/aws/connector',
        headers: { authorization: s.auth.a },
        payload: { arn: 'arn:aws:iam::205767712438:role/abcd', externalId: '903805594', name: 'TestAWS' },
      });
      assert.equal(created.statusCode, 200);
      assert.equal((await get('/csapi/v1.1/registry/aws/connectors/205767712438')).length, 1);
      assert.equal((await get('/csapi/v1.1/registry/aws/connectors/111111111111')).length, 0);
      assert.match((await get('/csapi/v1.1/registry/aws-base')).externalId, /^\d+$/);
      const catalog = await get('/csapi/v1.1/qql/images');
      assert.ok(catalog.some((t: { token: string }) => t.token === 'vulnerabilities.severity'));
    });
  });
}
