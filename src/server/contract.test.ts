/**
 * Contract tests: each request of the reference API samples is replayed against a seeded
 * server, on SQLite and PostgreSQL, and the response must have the sample response's shape
 * (field names, types, nesting). The golden files in testdata/contract/ hold each sample's
 * request and response shape; `UPDATE_GOLDEN=1` regenerates them from the samples in
 * BULWARK_API_SAMPLES (default: the shared reference folder).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRegistry } from '../db/repositories/registries-repository.js';
import { TenantScope } from '../db/tenant.js';
import { assertGolden } from '../test-support/golden.js';
import { type Shape, shapeOf, shapeProblems } from '../test-support/json-shape.js';
import { DIALECTS } from '../test-support/test-databases.js';
import { testSecretBox } from '../test-support/test-secrets.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const goldenDir = fileURLToPath(new URL('./testdata/contract/', import.meta.url));
const samplesDir = process.env.BULWARK_API_SAMPLES ?? '/work/shared/reference/api-samples';

interface Golden {
  title: string;
  request: { method: string; path: string; query: Record<string, string>; body: unknown };
  status: number | null;
  shape: Shape;
}

if (process.env.UPDATE_GOLDEN === '1') {
  for (const file of readdirSync(samplesDir).filter((f) => /^\d\d-.*\.json$/.test(f))) {
    const sample = JSON.parse(readFileSync(join(samplesDir, file), 'utf8'));
    const golden: Golden = {
      title: sample.title,
      request: {
        method: sample.request.method,
        path: sample.request.path,
        query: sample.request.query,
        body: sample.request.body,
      },
      status: sample.response.status,
      shape: shapeOf(sample.response.body),
    };
    assertGolden(join(goldenDir, file), `${JSON.stringify(golden, null, 2)}\n`);
  }
}

const goldens = existsSync(goldenDir)
  ? readdirSync(goldenDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

for (const dialect of DIALECTS) {
  describe(`API contract against the reference samples (${dialect})`, () => {
    let s: TestServer;
    /** Sample ids → seeded ids of the same kind, so requests address rows that exist. */
    let ids: Record<string, string>;
    before(async () => {
      s = await startTestServer(dialect);
      const scope = new TenantScope(s.db.db, s.customers.a);
      const r1 = await createRegistry(
        scope,
        {
          registryUri: 'https://one.example',
          registryType: 'V2',
          credentialType: 'None',
        },
        testSecretBox,
      );
      const r2 = await createRegistry(
        scope,
        {
          registryUri: 'https://two.example',
          registryType: 'V2',
          credentialType: 'None',
        },
        testSecretBox,
      );
      ids = {
        d52b37423ce5: s.seeded.a.containerShas.running.slice(0, 12),
        'e3e4cca0-8305-3835-810a-b334dcb65a33': s.seeded.a.images.registryOnly,
        'fc129b85-e23c-4236-9fd2-47a257746208': r1,
        'fe066970-0efc-4b04-91f4-b21870c61136': r2,
      };
    });
    after(() => s.close());

    const substitute = (text: string) =>
      Object.entries(ids).reduce((t, [from, to]) => t.replaceAll(from, to), text);

    it('has a golden file for each of the nine samples', () => {
      assert.equal(goldens.length, 9, `goldens in ${goldenDir}: ${goldens.join(', ')}`);
    });

    for (const file of goldens) {
      const golden = JSON.parse(readFileSync(join(goldenDir, file), 'utf8')) as Golden;
      it(`${file}: ${golden.request.method} ${golden.request.path}`, async () => {
        const body =
          golden.request.body === null
            ? undefined
            : JSON.parse(substitute(JSON.stringify(golden.request.body)));
        const res = await s.app.inject({
          method: golden.request.method as 'GET',
          url: substitute(golden.request.path),
          query: golden.request.query,
          headers: { authorization: s.auth.a, accept: 'application/json' },
          ...(body !== undefined ? { payload: body } : {}),
        });
        assert.equal(res.statusCode, golden.status ?? 200, res.body);
        assert.deepEqual(shapeProblems(golden.shape, res.json()), [], res.body);
      });
    }
  });
}
