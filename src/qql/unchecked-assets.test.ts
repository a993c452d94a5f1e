/**
 * Never a false "clean" in QQL: an image and a container a server could not check (no
 * vulnerability database, as in src/server/ingest/unchecked-ingest.test.ts) keep zero
 * counters, yet no count/severity term matches them — neither "no vulnerabilities" nor
 * "has vulnerabilities" — nor does the negation of any vulnerabilities term; count sorts
 * put them last; `/counts` agrees. The seeded inventory's checked clean image still matches.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdvisorySource } from '../server/matching/advisory-source.js';
import { type DebianSbom, debianImageSbom } from '../test-support/debian-sbom.js';
import { tempDir } from '../test-support/registry-push.js';
import { DIALECTS } from '../test-support/test-databases.js';
import { activateTestSensor } from '../test-support/test-sensor.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const CONTAINER_SHA = 'c0ffee'.padEnd(64, '5');

/** Filters that read "no vulnerabilities" / "none of that kind": an unchecked asset is not clean. */
const ZERO_FILTERS = [
  'vulnerabilities.severity5Count:0',
  'vulnerabilities.severity5Count<1',
  'vulnerabilities.maxSeverity:0',
  'not vulnerabilities.severity:5',
  'not vulnerabilities.severity:*',
  'not vulnerabilities.severity5Count>0',
  'not (vulnerabilities.severity:5 or vulnerabilities.severity:4)',
  'not vulnerabilities.cve:CVE-2021-44228',
  'not vulnerabilities.fixedVersion:*',
];
/** Filters that read "has vulnerabilities": unknown is not "has" either. */
const SOME_FILTERS = [
  'not vulnerabilities.severity5Count:0',
  'not vulnerabilities.maxSeverity<1',
  'vulnerabilities.severity:[1 ... 5]',
  'not (vulnerabilities.severity5Count:0 and vulnerabilities.severity4Count:0)',
];

let debian: DebianSbom;
before(async () => {
  debian = await debianImageSbom('bulwark-test/qql-unchecked-debian:bookworm');
});

for (const dialect of DIALECTS) {
  describe(`QQL on assets the server could not check (${dialect})`, () => {
    let s: TestServer;
    let source: AdvisorySource;
    let imageUuid: string;
    let containerUuid: string;
    let zeroCountsBefore: number[];
    const get = (url: string, query: Record<string, string>) =>
      s.app.inject({ url, query, headers: { authorization: s.auth.a } });
    const ids = async (entity: 'images' | 'containers', filter: string, sort?: string) => {
      const res = await get(`/csapi/v1.1/${entity}`, { filter, pageSize: '200', ...(sort ? { sort } : {}) });
      assert.equal(res.statusCode, 200, `${filter}: ${res.body}`);
      return (res.json() as { data: { uuid: string }[] }).data.map((d) => d.uuid);
    };
    const counts = async (entity: 'images' | 'containers', filters: string[]) => {
      const res = await get('/csapi/v1.1/counts', { entity, filters: JSON.stringify(filters) });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { counts: number[] }).counts;
    };

    before(async () => {
      const dir = await tempDir();
      mkdirSync(join(dir, 'vulndb'));
      source = new AdvisorySource(join(dir, 'vulndb', 'vuln.db'));
      s = await startTestServer(dialect, { matching: { advisories: source } });
      zeroCountsBefore = await counts('images', ZERO_FILTERS);
      const sensor = await activateTestSensor(s, 'a', { hostname: 'qql-unchecked-1' });
      for (const body of [
        { assetType: 'IMAGE', imageSha: debian.sha },
        { assetType: 'CONTAINER', imageSha: debian.sha, containerSha: CONTAINER_SHA },
      ]) {
        const res = await sensor.post('/sbom', { schemaVersion: 1, ...body, sbom: debian.cyclonedx });
        assert.equal(res.statusCode, 200, res.body);
      }
      [imageUuid = ''] = await ids('images', `imageId:${debian.sha.slice(0, 12)}`);
      [containerUuid = ''] = await ids('containers', `containerId:${CONTAINER_SHA.slice(0, 12)}`);
      assert.deepEqual(await ids('images', 'scanError:"not checked"'), [imageUuid]);
      assert.deepEqual(await ids('containers', 'scanError:"not checked"'), [containerUuid]);
    });
    after(async () => {
      source.close();
      await s.close();
    });

    it('matches no "clean" filter with the unchecked image or container, yet the checked clean image', async () => {
      for (const filter of ZERO_FILTERS) {
        const images = await ids('images', filter);
        assert.ok(!images.includes(imageUuid), `${filter} took the unchecked image for clean`);
        assert.ok(images.includes(s.seeded.a.images.clean), `${filter} lost the checked clean image`);
        const containers = await ids('containers', filter);
        assert.ok(!containers.includes(containerUuid), `${filter} took the unchecked container for clean`);
      }
    });

    it('matches no "has vulnerabilities" filter with them either: they are unknown', async () => {
      for (const filter of SOME_FILTERS) {
        const images = await ids('images', filter);
        assert.ok(!images.includes(imageUuid), `${filter} matched the unchecked image`);
        assert.ok(images.includes(s.seeded.a.images.vulnerable), `${filter} lost the vulnerable image`);
        assert.ok(!(await ids('containers', filter)).includes(containerUuid), filter);
      }
    });

    it('still selects them by what is known about them', async () => {
      for (const filter of ['scanError:*', 'scanError:* or vulnerabilities.severity5Count:0']) {
        assert.ok((await ids('images', filter)).includes(imageUuid), filter);
        assert.ok((await ids('containers', filter)).includes(containerUuid), filter);
      }
      // Unknown or false is false; unknown and true is unknown.
      assert.ok(!(await ids('images', 'scanError:* and not vulnerabilities.severity:5')).includes(imageUuid));
    });

    it('sorts them after every checked asset on a count, both ways', async () => {
      for (const sort of [
        'vulnerabilities.severity5Count:asc',
        'vulnerabilities.severity5Count:desc',
        'vulnerabilities.maxSeverity:asc',
      ]) {
        const images = await ids('images', '', sort);
        assert.equal(images.at(-1), imageUuid, sort);
        const containers = await ids('containers', '', sort);
        assert.equal(containers.at(-1), containerUuid, sort);
      }
    });

    it('keeps a found finding of a partly checked asset a fact, but not its absence nor its totals', async () => {
      // Partial coverage (one ecosystem had no advisories) keeps the findings that were found.
      const vulnerable = s.seeded.a.images.vulnerable;
      await s.db.db
        .updateTable('images')
        .set({ scan_error: 'not checked: no advisories for npm packages' })
        .where('id', '=', vulnerable)
        .execute();
      try {
        assert.ok((await ids('images', 'vulnerabilities.cve:CVE-2021-44228')).includes(vulnerable));
        for (const filter of ['not vulnerabilities.cve:CVE-1999-0001', 'vulnerabilities.severity:5']) {
          assert.ok(!(await ids('images', filter)).includes(vulnerable), filter);
        }
      } finally {
        await s.db.db.updateTable('images').set({ scan_error: null }).where('id', '=', vulnerable).execute();
      }
    });

    it('gives /counts (dashboard widgets) the same answers: the upload adds no "clean" image', async () => {
      assert.deepEqual(await counts('images', ZERO_FILTERS), zeroCountsBefore);
      const listed = await Promise.all(ZERO_FILTERS.map(async (f) => (await ids('containers', f)).length));
      assert.deepEqual(await counts('containers', ZERO_FILTERS), listed);
    });
  });
}
