/**
 * `scan image --upload`'s upload step against a real listening server (both dialects):
 * the image lands as source CLI, a rerun stores nothing twice, and a wrong token, an
 * unreachable server, a bad URL or a missing BULWARK_TOKEN are one coded error each.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isBulwarkError } from '../core/errors.js';
import type { Sbom } from '../core/sbom/model.js';
import { createApiToken } from '../db/repositories/accounts-repository.js';
import { DIALECTS } from '../test-support/test-databases.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { uploadSbom, uploadTarget } from './upload.js';

const SHA = '5e'.repeat(32);
const sbom: Sbom = {
  bomFormat: 'bulwark-sbom',
  schemaVersion: 1,
  image: {
    ref: 'app:1',
    kind: 'docker-archive',
    imageId: `sha256:${SHA}`,
    repoTags: ['registry.local/app:1'],
    repoDigests: [],
  },
  os: { family: 'debian', version: '12', name: 'Debian GNU/Linux 12 (bookworm)' },
  layers: [],
  packages: [
    {
      type: 'deb',
      name: 'jq',
      version: '1.6-2.1',
      source: { name: 'jq', version: '1.6-2.1' },
      purl: 'pkg:deb/debian/jq@1.6-2.1?arch=amd64&distro=debian-12',
      location: { path: 'var/lib/dpkg/status' },
    },
  ],
  unknowns: [],
};

for (const dialect of DIALECTS) {
  describe(`scan image --upload (${dialect})`, () => {
    let s: TestServer;
    let url: string;
    let token: string;
    before(async () => {
      s = await startTestServer(dialect);
      url = await s.app.listen({ host: '127.0.0.1', port: 0 });
      token = (await createApiToken(s.db.db, s.customers.a, 'admin-a', 'ci', null)).token;
    });
    after(() => s.close());

    it('lands the image as source CLI; uploading the same scan again stores nothing twice', async () => {
      const target = uploadTarget(`${url}/`, { BULWARK_TOKEN: token });
      const first = await uploadSbom(target, sbom);
      const second = await uploadSbom(target, sbom);
      assert.deepEqual(second, first);
      const images = await s.db.db.selectFrom('images').select('id').where('sha', '=', SHA).execute();
      assert.equal(images.length, 1);
      const res = await s.app.inject({
        url: `/csapi/v1.1/images/${SHA}`,
        headers: { authorization: s.auth.a },
      });
      assert.deepEqual(res.json().source, ['CLI']);
      assert.deepEqual(res.json().repo, [{ registry: 'registry.local', repository: 'app', tag: '1' }]);
      const software = await s.app.inject({
        url: `/csapi/v1.1/images/${SHA}/software`,
        headers: { authorization: s.auth.a },
      });
      assert.deepEqual(
        software.json().map((p: { name: string; version: string }) => `${p.name} ${p.version}`),
        ['jq 1.6-2.1'],
      );
    });

    it('one coded error for a wrong token, an unreachable server, a bad URL or no token', async () => {
      await assert.rejects(
        uploadSbom(uploadTarget(url, { BULWARK_TOKEN: 'bwk_wrong' }), sbom),
        (err) => isBulwarkError(err, 'UPLOAD_FAILED') && /refused \(401\)/.test(err.message),
      );
      await assert.rejects(
        uploadSbom(uploadTarget('http://127.0.0.1:9', { BULWARK_TOKEN: token }), sbom),
        (err) => isBulwarkError(err, 'UPLOAD_FAILED'),
      );
      assert.throws(
        () => uploadTarget('ftp://x', { BULWARK_TOKEN: token }),
        (err) => isBulwarkError(err, 'USAGE'),
      );
      assert.throws(
        () => uploadTarget('not a url', { BULWARK_TOKEN: token }),
        (err) => isBulwarkError(err, 'USAGE'),
      );
      assert.throws(
        () => uploadTarget(url, {}),
        (err) => isBulwarkError(err, 'USAGE') && /BULWARK_TOKEN/.test(err.message),
      );
      const sensorCredential = await s.app.inject({
        method: 'POST',
        url: '/csapi/v1.1/uploads/sbom',
        headers: { authorization: 'Bearer bws_not_a_user_token', 'idempotency-key': 'k'.repeat(10) },
        payload: {},
      });
      assert.equal(sensorCredential.statusCode, 401);
    });
  });
}
