/**
 * Sensor uploads on both dialects, with the SBOM of a real Debian image: what lands in the
 * inventory and the /csapi lists, idempotency (every kind replayed three times, two
 * sensors interleaved: exactly one delivery's data), and bad input (4xx, nothing stored).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { revokeSensor } from '../../db/repositories/sensor-identity-repository.js';
import { TenantScope } from '../../db/tenant.js';
import { type DebianSbom, debianImageSbom } from '../../test-support/debian-sbom.js';
import { DIALECTS } from '../../test-support/test-databases.js';
import { activateTestSensor, type TestSensor } from '../../test-support/test-sensor.js';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';

let debian: DebianSbom;
before(async () => {
  debian = await debianImageSbom('bulwark-test/ingest-debian:bookworm');
});

const CONTAINER_SHA = 'c0ffee'.padEnd(64, '1');
const TABLES = [
  'images',
  'image_repos',
  'image_sources',
  'containers',
  'software',
  'events',
  'hosts',
  'ingest_receipts',
] as const;

function snapshot(imageSha: string) {
  return {
    schemaVersion: 1,
    takenAt: 1_700_000_000_000,
    images: [
      {
        sha: imageSha,
        repoTags: ['bulwark-test/ingest-debian:bookworm'],
        size: 123456,
        created: 1_699_000_000_000,
      },
    ],
    containers: [
      {
        sha: CONTAINER_SHA,
        name: 'web-1',
        imageSha,
        state: 'RUNNING',
        created: 1_699_500_000_000,
        command: '/bin/bash',
        environment: ['PATH=/usr/bin'],
        labels: { team: 'blue' },
      },
    ],
  };
}

function events(imageSha: string, sensor: string) {
  return {
    schemaVersion: 1,
    events: [
      {
        occurred: 1_700_000_001_000,
        type: 'IMAGE',
        action: 'tag',
        imageSha,
        repoTag: `registry.local:5000/app:${sensor}`,
      },
      {
        occurred: 1_700_000_002_000,
        type: 'CONTAINER',
        action: 'pause',
        containerSha: CONTAINER_SHA,
        imageSha,
        name: 'web-1',
      },
      {
        occurred: 1_700_000_003_000,
        type: 'CONTAINER',
        action: 'exec_start',
        containerSha: CONTAINER_SHA,
        context: 'sh',
      },
    ],
  };
}

const sbomBody = (imageSha: string, doc: unknown) => ({
  schemaVersion: 1,
  assetType: 'IMAGE',
  imageSha,
  sbom: doc,
});

for (const dialect of DIALECTS) {
  describe(`sensor uploads (${dialect})`, () => {
    let s: TestServer;
    let one: TestSensor;
    let two: TestSensor;
    before(async () => {
      s = await startTestServer(dialect);
      one = await activateTestSensor(s, 'a', { hostname: 'docker-1' });
      two = await activateTestSensor(s, 'a', { hostname: 'docker-2' });
    });
    after(() => s.close());

    /** Row counts per table for customer a: "what is stored". */
    async function counts(customer = s.customers.a): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const t of TABLES) {
        const rows = await s.db.db
          .selectFrom(t)
          .select('customer_id')
          .where('customer_id', '=', customer)
          .execute();
        out[t] = rows.length;
      }
      return out;
    }

    it('stores a real Debian image SBOM (gzip), shown by GET /csapi/v1.1/images and its software', async () => {
      const res = await one.post('/sbom', sbomBody(debian.sha, debian.cyclonedx), { gzip: true });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().software, debian.sbom.packages.length);
      const list = await s.app.inject({
        url: '/csapi/v1.1/images',
        query: { filter: `imageId:${debian.sha.slice(0, 12)}` },
        headers: { authorization: s.auth.a },
      });
      assert.equal(list.json().count, 1, list.body);
      const image = list.json().data[0];
      assert.equal(image.sha, debian.sha);
      assert.deepEqual(image.source, ['GENERAL']);
      assert.ok(image.lastScanned);
      const software = await s.app.inject({
        url: `/csapi/v1.1/images/${image.uuid}/software`,
        headers: { authorization: s.auth.a },
      });
      const names = (software.json() as { name: string; version: string }[])
        .map((p) => `${p.name} ${p.version}`)
        .sort();
      const truth = debian.sbom.packages.map((p) => `${p.name} ${p.version}`).sort();
      assert.deepEqual(names, truth);
      assert.ok(names.some((n) => n.startsWith('jq ')));
      const jq = (software.json() as { name: string; ecosystem: string; sourceName: string }[]).find(
        (p) => p.name === 'jq',
      );
      assert.equal(jq?.ecosystem, 'Debian:12');
    });

    it('stores inventory snapshots and events in the lists; every kind replayed 3 times, two sensors interleaved, stores one delivery', async () => {
      const keys = {
        snap1: randomUUID(),
        snap2: randomUUID(),
        ev1: randomUUID(),
        ev2: randomUUID(),
        sbom1: randomUUID(),
        sbom2: randomUUID(),
      };
      const deliveries = [
        () => one.post('/inventory', snapshot(debian.sha), { key: keys.snap1 }),
        () => two.post('/inventory', { ...snapshot(debian.sha), containers: [] }, { key: keys.snap2 }),
        () => one.post('/events', events(debian.sha, 'one'), { key: keys.ev1, gzip: true }),
        () => two.post('/events', events(debian.sha, 'two'), { key: keys.ev2 }),
        () => one.post('/sbom', sbomBody(debian.sha, debian.cyclonedx), { key: keys.sbom1 }),
        () => two.post('/sbom', sbomBody(debian.sha, debian.cyclonedx), { key: keys.sbom2, gzip: true }),
      ];
      const before = await counts();
      const firstAnswers = [];
      for (const d of deliveries) {
        const res = await d();
        assert.equal(res.statusCode, 200, res.body);
        firstAnswers.push(res.json());
      }
      const once = await counts();
      const events1 = (
        await s.app.inject({ url: '/csapi/v1.1/events', headers: { authorization: s.auth.a } })
      ).json();
      for (let round = 0; round < 3; round++) {
        for (const [i, d] of deliveries.entries()) {
          const res = await d();
          assert.equal(res.statusCode, 200);
          assert.equal(res.headers['idempotent-replayed'], 'true');
          assert.deepEqual(res.json(), firstAnswers[i], 'a replay gets the first answer');
        }
      }
      assert.deepEqual(await counts(), once, 'replays stored nothing');
      const events2 = (
        await s.app.inject({ url: '/csapi/v1.1/events', headers: { authorization: s.auth.a } })
      ).json();
      assert.deepEqual(events2, events1);
      assert.equal(once.events, (before.events ?? 0) + 6, 'six events delivered');
      const db = s.db.db;
      const images = await db.selectFrom('images').select('id').where('sha', '=', debian.sha).execute();
      assert.equal(images.length, 1, 'two sensors reporting one image: one image');
      const software = await db
        .selectFrom('software')
        .select('id')
        .where('asset_uuid', '=', images[0]?.id ?? '')
        .execute();
      assert.equal(software.length, debian.sbom.packages.length, 'the same SBOM twice: one set of software');
      assert.equal(once.containers, (before.containers ?? 0) + 1, 'one container');
      const container = (
        await s.app.inject({
          url: `/csapi/v1.1/containers/${CONTAINER_SHA.slice(0, 12)}`,
          headers: { authorization: s.auth.a },
        })
      ).json();
      assert.equal(container.state, 'PAUSED', 'the pause event moved the state');
      assert.equal(container.name, 'web-1');
      assert.equal(container.host.hostname, 'docker-1');
      assert.deepEqual(container.label, [{ key: 'team', value: 'blue' }]);
      const image = (
        await s.app.inject({ url: `/csapi/v1.1/images/${debian.sha}`, headers: { authorization: s.auth.a } })
      ).json();
      assert.deepEqual(
        image.repo.map((r: { repository: string; tag: string }) => `${r.repository}:${r.tag}`).sort(),
        ['app:one', 'app:two', 'bulwark-test/ingest-debian:bookworm'].sort(),
      );
      assert.equal(image.associatedContainersCount, 0, 'a PAUSED container is not RUNNING or STOPPED');
      // A key reused for another kind of upload is a conflict, not a silent replay.
      const reused = await one.post('/events', events(debian.sha, 'one'), { key: keys.snap1 });
      assert.equal(reused.statusCode, 409);
    });

    it('refuses bad uploads with a 4xx and stores nothing', async () => {
      const other = await activateTestSensor(s, 'b');
      const doc = debian.cyclonedx;
      const withComponents = (components: unknown) => ({ ...doc, components });
      const cases: [string, () => ReturnType<TestSensor['post']>, number, RegExp][] = [
        [
          'old CycloneDX',
          () => one.post('/sbom', sbomBody(debian.sha, { ...doc, specVersion: '1.2' })),
          400,
          /specVersion/,
        ],
        [
          'not CycloneDX',
          () => one.post('/sbom', sbomBody(debian.sha, { bomFormat: 'SPDX', specVersion: '1.6' })),
          400,
          /bomFormat/,
        ],
        [
          'components not a list',
          () => one.post('/sbom', sbomBody(debian.sha, withComponents({}))),
          400,
          /components/,
        ],
        [
          'component without a name',
          () =>
            one.post(
              '/sbom',
              sbomBody(
                debian.sha,
                withComponents([
                  { type: 'library', version: '1.0', purl: 'pkg:deb/debian/x@1.0?distro=debian-12' },
                ]),
              ),
            ),
          400,
          /name|version/,
        ],
        [
          'another image’s SBOM',
          () => one.post('/sbom', sbomBody('ab'.repeat(32), doc)),
          400,
          /describes image/,
        ],
        [
          'unknown fields',
          () => one.post('/sbom', { ...sbomBody(debian.sha, doc), admin: true }),
          400,
          /unknown field "admin"/,
        ],
        [
          'a container of another customer’s image',
          () =>
            other.post('/sbom', {
              schemaVersion: 1,
              assetType: 'CONTAINER',
              imageSha: debian.sha,
              containerSha: 'dd'.repeat(32),
              sbom: doc,
            }),
          404,
          /no image/,
        ],
        [
          'an unknown event action',
          () =>
            one.post('/events', {
              schemaVersion: 1,
              events: [{ occurred: 1, type: 'IMAGE', action: 'explode' }],
            }),
          400,
          /action/,
        ],
        [
          'a container action on an image',
          () =>
            one.post('/events', {
              schemaVersion: 1,
              events: [
                { occurred: 1, type: 'IMAGE', action: 'pull', imageSha: 'ee'.repeat(32) },
                { occurred: 2, type: 'IMAGE', action: 'start', imageSha: 'ee'.repeat(32) },
              ],
            }),
          400,
          /\/events\/1 "start" is not a valid IMAGE action/,
        ],
        [
          'a missing idempotency key',
          () =>
            s.app.inject({
              method: 'POST',
              url: '/sensor/v1/events',
              headers: { authorization: `Bearer ${one.credential}` },
              payload: events(debian.sha, 'x'),
            }),
          400,
          /idempotency-key/,
        ],
        [
          'a corrupt gzip body',
          () =>
            s.app.inject({
              method: 'POST',
              url: '/sensor/v1/events',
              headers: {
                authorization: `Bearer ${one.credential}`,
                'content-type': 'application/json',
                'content-encoding': 'gzip',
                'idempotency-key': randomUUID(),
              },
              payload: Buffer.concat([
                gzipSync(JSON.stringify(events(debian.sha, 'x'))).subarray(0, 30),
                Buffer.from('garbage!'),
              ]),
            }),
          400,
          /./,
        ],
        [
          'an oversize upload (a gzip bomb)',
          () =>
            s.app.inject({
              method: 'POST',
              url: '/sensor/v1/sbom',
              headers: {
                authorization: `Bearer ${one.credential}`,
                'content-type': 'application/json',
                'content-encoding': 'gzip',
                'idempotency-key': randomUUID(),
              },
              payload: gzipSync(
                Buffer.concat([
                  Buffer.from('{"schemaVersion":1,"x":"'),
                  Buffer.alloc(40 * 1024 * 1024, 0x61),
                  Buffer.from('"}'),
                ]),
              ),
            }),
          413,
          /too large/i,
        ],
        [
          'an unknown sensor',
          () =>
            s.app.inject({
              method: 'POST',
              url: '/sensor/v1/inventory',
              headers: { authorization: 'Bearer bws_nobody', 'idempotency-key': randomUUID() },
              payload: snapshot(debian.sha),
            }),
          401,
          /sensor credential/,
        ],
      ];
      const beforeA = await counts();
      const beforeB = await counts(s.customers.b);
      for (const [name, send, status, message] of cases) {
        const res = await send();
        assert.equal(res.statusCode, status, `${name}: ${res.body}`);
        assert.match(res.json().message, message, name);
        assert.doesNotMatch(res.body, /\bat \S+ \(|node_modules/, `${name}: no stack trace`);
      }
      const revoked = await activateTestSensor(s, 'a', { hostname: 'gone' });
      const afterActivation = await counts();
      await revokeSensor(new TenantScope(s.db.db, s.customers.a), revoked.sensorUuid);
      const res = await revoked.post('/sbom', sbomBody(debian.sha, doc));
      assert.equal(res.statusCode, 401);
      assert.deepEqual(await counts(), afterActivation, 'nothing stored for customer a');
      assert.equal(afterActivation.hosts, (beforeA.hosts ?? 0) + 1, 'only the activation added its host');
      assert.deepEqual(await counts(s.customers.b), { ...beforeB }, 'nothing stored for customer b');
    });
  });
}
