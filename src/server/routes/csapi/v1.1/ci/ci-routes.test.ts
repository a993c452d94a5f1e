/**
 * `GET /csapi/v1.1/ci/images/{id}/vuln` on both dialects: 204 for an image the server has
 * not seen, or whose latest SBOM is stored but not yet matched (a newer scan makes the
 * mark stale); 200 with the findings once matched, `vulnerabilitiesChecked: false` and the
 * reason while the image's `scan_error` is set; another customer's image is never
 * shown; no credentials is 401.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { markImageMatched } from '../../../../../db/repositories/ci-results-repository.js';
import { upsertVulnerabilities, writeImage } from '../../../../../db/repositories/inventory-writer.js';
import { TenantScope } from '../../../../../db/tenant.js';
import { DIALECTS } from '../../../../../test-support/test-databases.js';
import { startTestServer, type TestServer } from '../../../../../test-support/test-server.js';
import { NO_DATABASE, NOT_CHECKED, recordScanState } from '../../../../matching/scan-state.js';

for (const dialect of DIALECTS) {
  describe(`CI poll route (${dialect})`, () => {
    let s: TestServer;
    let scope: TenantScope;
    const sha = randomBytes(32).toString('hex');
    let uuid: string;
    const get = (id: string, auth?: string) =>
      s.app.inject({ url: `/csapi/v1.1/ci/images/${id}/vuln`, headers: auth ? { authorization: auth } : {} });

    before(async () => {
      s = await startTestServer(dialect);
      scope = new TenantScope(s.db.db, s.customers.a);
      await upsertVulnerabilities(s.db.db, [
        {
          id: 'DSA-7001-1',
          qid: 97001,
          title: 'ci route test',
          severity: 5,
          aliases: ['CVE-2026-7001'],
          cvssScore: 9.1,
        },
      ]);
    });
    after(() => s?.close());

    it('204 while the server has not seen the image', async () => {
      const res = await get(sha, s.auth.a);
      assert.equal(res.statusCode, 204);
      assert.equal(res.body, '');
    });

    it('204 while the SBOM is stored but not matched, 200 once matched', async () => {
      uuid = await writeImage(scope, {
        sha,
        lastScanned: 1_700_000_000_000,
        repos: [{ registry: '', repository: 'app', tag: '1' }],
        software: [
          {
            name: 'openssl',
            version: '3.0.11-1',
            ecosystem: 'Debian:12',
            vulnerabilities: [{ id: 'DSA-7001-1', severity: 5, fixedVersion: '3.0.13-1' }],
          },
        ],
      });
      assert.equal((await get(sha, s.auth.a)).statusCode, 204, 'stored, not matched yet');
      await markImageMatched(scope, uuid, true);
      const res = await get(`sha256:${sha}`, s.auth.a);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.sha, sha);
      assert.equal(body.vulnerabilitiesChecked, true);
      assert.deepEqual(body.repoTags, ['app:1']);
      assert.equal(body.vulnerabilities.length, 1);
      const [v] = body.vulnerabilities;
      assert.deepEqual([v.id, v.severity, v.cvssScore, v.aliases], ['DSA-7001-1', 5, 9.1, ['CVE-2026-7001']]);
      assert.deepEqual(v.packages[0].fixedVersion, '3.0.13-1');
      // The short id works too.
      assert.equal((await get(sha.slice(0, 12), s.auth.a)).statusCode, 200);
    });

    it('a newer scan makes the mark stale: 204 until it is matched too', async () => {
      await scope
        .updateTable('images')
        .set({ last_scanned: 1_700_000_000_500 })
        .where('id', '=', uuid)
        .execute();
      assert.equal((await get(sha, s.auth.a)).statusCode, 204);
      // What matching without a database leaves (match-asset.ts, after-ingest.ts).
      await recordScanState(scope, 'IMAGE', uuid, NO_DATABASE);
      await markImageMatched(scope, uuid, false);
      const res = await get(sha, s.auth.a);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().vulnerabilitiesChecked, false, 'matched without a database: says so');
      assert.equal(res.json().scanError, NO_DATABASE);
    });

    it('matched with a database that has no advisories for its OS release: not checked, never clean', async () => {
      // What matching with a database leaves when the image's OS release has no data:
      // matching ran (checked), yet `scan_error` says the packages were not checked.
      const reason = `${NOT_CHECKED}no advisories for this OS release (Debian 13)`;
      await recordScanState(scope, 'IMAGE', uuid, reason);
      await markImageMatched(scope, uuid, true);
      const body = (await get(sha, s.auth.a)).json();
      assert.equal(body.vulnerabilitiesChecked, false, 'a database without the release is not a check');
      assert.equal(body.scanError, reason);
    });

    it('a later re-match reads live: still unchecked stays false, checked makes it true', async () => {
      // The whole-inventory re-match re-checks every `not checked` asset in place (rematch.ts);
      // the mark stays, the asset's `scan_error` is set anew or cleared.
      await recordScanState(scope, 'IMAGE', uuid, NO_DATABASE);
      assert.equal((await get(sha, s.auth.a)).json().vulnerabilitiesChecked, false);
      await recordScanState(scope, 'IMAGE', uuid, null);
      const body = (await get(sha, s.auth.a)).json();
      assert.equal(body.vulnerabilitiesChecked, true);
      assert.equal(body.scanError, null);
    });

    it("another customer's image is never shown; no credentials is 401", async () => {
      assert.equal((await get(sha, s.auth.b)).statusCode, 204);
      assert.equal((await get(sha)).statusCode, 401);
      assert.equal((await get('not-an-id!', s.auth.a)).statusCode, 400);
    });
  });
}
