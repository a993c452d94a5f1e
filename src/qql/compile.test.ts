import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { type QqlRun, qqlIds } from '../test-support/qql-db.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../test-support/test-databases.js';
import { QqlError } from './qql-error.js';

const NOW = Date.UTC(2026, 0, 31, 12);
const H = 3_600_000;
const counts = (s3: number, s5: number) => ({
  severity1_count: 0,
  severity2_count: 0,
  severity3_count: s3,
  severity4_count: 0,
  severity5_count: s5,
  max_severity: s5 ? 5 : s3 ? 3 : 0,
});

/** A hand-made inventory whose answers are worked out by hand below. */
async function seed(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('customers')
    .values([
      { id: 'a', name: 'A', created_at: 0 },
      { id: 'b', name: 'B', created_at: 0 },
    ])
    .execute();
  const image = (id: string, customer: string, created: number | null, s3: number, s5: number) => ({
    id,
    customer_id: customer,
    sha: `${id}`.padEnd(64, '0'),
    image_id: `${id}`.padEnd(12, '0'),
    size: 100,
    created,
    first_seen: 0,
    last_scanned: id === 'img1' ? NOW - H : NOW - 48 * H,
    operating_system: null,
    architecture: 'amd64',
    scan_error: null,
    updated_at: 0,
    ...counts(s3, s5),
  });
  await db
    .insertInto('images')
    .values([
      image('img1', 'a', Date.UTC(2024, 0, 10), 0, 1),
      image('img2', 'a', Date.UTC(2025, 5, 1), 1, 0),
      image('img3', 'a', null, 0, 0),
      image('img4', 'b', Date.UTC(2024, 0, 10), 0, 1),
    ])
    .execute();
  await db
    .insertInto('image_repos')
    .values([
      {
        customer_id: 'a',
        image_uuid: 'img1',
        registry: 'docker.io',
        repository: 'library/nginx',
        tag: 'latest',
        registry_uuid: null,
      },
      {
        customer_id: 'a',
        image_uuid: 'img2',
        registry: 'ghcr.io',
        repository: 'acme/50%_off',
        tag: 'v1',
        registry_uuid: null,
      },
      {
        customer_id: 'b',
        image_uuid: 'img4',
        registry: 'docker.io',
        repository: 'library/nginx',
        tag: 'latest',
        registry_uuid: null,
      },
    ])
    .execute();
  await db
    .insertInto('image_labels')
    .values([
      { customer_id: 'a', image_uuid: 'img1', key: 'env', value: 'prod' },
      { customer_id: 'a', image_uuid: 'img2', key: 'Team', value: 'Payments' },
      // A row of customer b pointing at customer a's image must never make it match.
      { customer_id: 'b', image_uuid: 'img1', key: 'leak', value: 'leak' },
    ])
    .execute();
  await db
    .insertInto('image_sources')
    .values([
      { customer_id: 'a', image_uuid: 'img1', source: 'GENERAL' },
      { customer_id: 'a', image_uuid: 'img2', source: 'REGISTRY' },
    ])
    .execute();
  const vuln = (id: string, qid: number, severity: number) => ({
    id,
    qid,
    cve: id,
    title: `flaw ${id}`,
    severity,
    cvss_score: null,
    cvss_vector: null,
    published: null,
    modified: null,
    aliases_json: '[]',
  });
  await db
    .insertInto('vulnerabilities')
    .values([vuln('CVE-2024-1111', 1, 5), vuln('CVE-2023-9999', 2, 3), vuln('CVE-2024-2222', 3, 5)])
    .execute();
  const sw = (id: number, customer: string, asset: string, name: string, version: string) => ({
    id,
    customer_id: customer,
    asset_type: 'IMAGE' as const,
    asset_uuid: asset,
    name,
    version,
    ecosystem: null,
    kind: 'lang',
    purl: null,
    source_name: null,
    source_version: null,
    layer_digest: null,
    path: null,
  });
  await db
    .insertInto('software')
    .values([
      sw(1, 'a', 'img1', 'openssl', '3.0.1'),
      sw(2, 'a', 'img2', 'log4j-core', '2.14.1'),
      sw(3, 'b', 'img4', 'log4j-core', '2.14.1'),
    ])
    .execute();
  const finding = (
    customer: string,
    asset: string,
    software: number,
    vulnerability: string,
    severity: number,
    closed: number | null,
  ) => ({
    customer_id: customer,
    asset_type: 'IMAGE' as const,
    asset_uuid: asset,
    software_id: software,
    vulnerability_id: vulnerability,
    severity,
    fixed_version: null,
    first_found: 0,
    last_found: 0,
    closed_at: closed,
  });
  await db
    .insertInto('findings')
    .values([
      finding('a', 'img1', 1, 'CVE-2024-1111', 5, null),
      finding('a', 'img2', 2, 'CVE-2023-9999', 3, null),
      finding('a', 'img2', 2, 'CVE-2024-2222', 5, NOW - H),
      finding('b', 'img4', 3, 'CVE-2024-1111', 5, null),
    ])
    .execute();
  await db
    .insertInto('hosts')
    .values({
      id: 'h1',
      customer_id: 'a',
      hostname: 'docker1',
      ip_address: '10.115.74.188',
      created_at: 0,
      updated_at: 0,
    })
    .execute();
  const container = (
    id: string,
    name: string,
    state: 'RUNNING' | 'STOPPED',
    host: string | null,
    rogue: number,
  ) => ({
    id,
    customer_id: 'a',
    sha: id.padEnd(64, '0'),
    container_id: id.padEnd(12, '0'),
    name,
    image_uuid: 'img1',
    image_sha: null,
    image_id: null,
    host_id: host,
    sensor_id: null,
    state,
    created: 0,
    state_changed: 0,
    last_scanned: null,
    privileged: 0,
    is_rogue: rogue,
    path: null,
    command: 'nginx -g "daemon off;"',
    hostname: null,
    mac_address: null,
    ipv4: null,
    ipv6: null,
    operating_system: null,
    arguments_json: null,
    environment_json: null,
    port_mapping_json: null,
    updated_at: 0,
    ...counts(0, 0),
  });
  await db
    .insertInto('containers')
    .values([
      container('c1', 'MiXeD_Case', 'RUNNING', 'h1', 1),
      container('c2', "o'brien", 'STOPPED', null, 0),
      container('c3', 'Ünïcode', 'STOPPED', null, 0),
    ])
    .execute();
  await db
    .insertInto('sensors')
    .values({
      id: 's1',
      customer_id: 'a',
      activation_id: null,
      host_id: 'h1',
      hostname: 'cms',
      ip_address: null,
      version: '1.2.3',
      sensor_type: 'GENERAL',
      status: 'UNKNOWN',
      docker_version: null,
      operating_system: null,
      credential_hash: null,
      created_at: 0,
      last_checked_in: null,
    })
    .execute();
}

const answers: [QqlRun['entity'], string, string[]][] = [
  ['images', 'repo.repository:LIBRARY/NGINX', ['img1']],
  ['images', 'repo.repository:*50%_*', ['img2']],
  ['images', 'repo.repository:*_*', ['img2']],
  ['images', 'repo.repository:acme/5__%_off', []],
  ['images', 'repo.tag:lat*', ['img1']],
  ['images', 'repo.repository:`library/NGINX`', []],
  ['images', 'repo.repository:`library/nginx`', ['img1']],
  ['images', 'vulnerabilities.cve:cve-2024-1111', ['img1']],
  ['images', 'vulnerabilities.cve:CVE-2024-2222', []],
  ['images', 'vulnerabilities.cve:[CVE-2024-1111, CVE-2023-9999]', ['img1', 'img2']],
  ['images', 'vulnerabilities.cve:CVE-2024*', ['img1']],
  ['images', 'vulnerabilities.severity:5', ['img1']],
  ['images', 'vulnerabilities.severity:"5"', ['img1']],
  ['images', 'vulnerabilities.severity>=3', ['img1', 'img2']],
  ['images', 'vulnerabilities.severity:[1 ... 3]', ['img2']],
  ['images', 'not vulnerabilities.severity:5', ['img2', 'img3']],
  ['images', 'vulnerabilities.severity:*', ['img1', 'img2']],
  ['images', 'not vulnerabilities.severity:*', ['img3']],
  ['images', 'vulnerabilities.qid:2', ['img2']],
  ['images', 'vulnerabilities.title:"FLAW cve-2023"', ['img2']],
  ['images', 'vulnerabilities.severity:5 and vulnerabilities.cve:CVE-2023*', []],
  ['images', 'created<2024-01-11', ['img1']],
  ['images', 'not created<2024-01-11', ['img2', 'img3']],
  ['images', 'created:2024-01-10', ['img1']],
  ['images', 'created:[2024-01-01 ... 2025-06-01]', ['img1', 'img2']],
  ['images', 'created:(2024-01-10 ... 2025-06-01)', []],
  ['images', 'created:*', ['img1', 'img2']],
  ['images', 'lastScanned>now-2h', ['img1']],
  ['images', 'lastVmScanDate:[now-24h ... now]', ['img1']],
  ['images', 'label.key:env and label.value:prod', ['img1']],
  ['images', 'label.value:payments', ['img2']],
  ['images', 'label.key:leak', []],
  ['images', 'not label.key:*', ['img3']],
  ['images', 'software.name:log4j* and software.version:2.14*', ['img2']],
  ['images', 'source:registry', ['img2']],
  ['images', 'source:[general, REGISTRY]', ['img1', 'img2']],
  ['images', '(repo.tag:latest or label.value:payments) and not vulnerabilities.severity:5', ['img2']],
  ['images', 'not (repo.tag:latest or repo.tag:v1)', ['img3']],
  ['images', 'size>99 and size<=100 and architecture:AMD64', ['img1', 'img2', 'img3']],
  ['containers', 'isRogue:true', ['c1']],
  ['containers', 'state:run*', ['c1']],
  ['containers', 'name:mixed_case', ['c1']],
  ['containers', 'name:mixed?case', []],
  ['containers', `name:"o'brien"`, ['c2']],
  // Case folding covers ASCII letters only, the same on both dialects (PostgreSQL's lower() alone would fold Ü).
  ['containers', 'name:ÜNïCODE', ['c3']],
  ['containers', 'name:ünïcode', []],
  ['containers', 'host.hostname:DOCKER1', ['c1']],
  ['containers', 'not host.hostname:docker1', ['c2', 'c3']],
  ['containers', 'host.ipAddress:10.115.*', ['c1']],
  ['containers', 'command:"daemon off;"', ['c1', 'c2', 'c3']],
  ['sensors', 'hostname:cms', ['s1']],
  ['sensors', 'status:unknown and sensor.version:1.2.*', ['s1']],
  ['vulnerabilities', 'software.name:log4j-core', ['CVE-2023-9999']],
  ['vulnerabilities', 'severity:5', ['CVE-2024-1111']],
  ['software', 'name:LOG4J-CORE and vulnerabilities.cve:CVE-2023-9999', ['2']],
];

const failures: [QqlRun['entity'], string, string, RegExp][] = [
  [
    'images',
    'vulnerabilites.severity:5',
    'QQL_UNKNOWN_TOKEN',
    /^unknown token "vulnerabilites.severity" at column 1; did you mean "vulnerabilities.severity"\?$/,
  ],
  [
    'images',
    'repo.tag:x and lastscaned>now-1d',
    'QQL_UNKNOWN_TOKEN',
    /at column 16; did you mean "lastScanned"\?/,
  ],
  [
    'images',
    'vulnerabilities.severity:high',
    'QQL_BAD_VALUE',
    /"high" is not a number for vulnerabilities.severity at column 26/,
  ],
  ['images', 'created:yesterday', 'QQL_BAD_VALUE', /"yesterday" is not a date .* at column 9/],
  ['images', 'created:2024*', 'QQL_BAD_VALUE', /wildcards do not apply to created/],
  [
    'images',
    'source:registy',
    'QQL_BAD_VALUE',
    /"registy" is not a value of source at column 8; did you mean "REGISTRY"\?/,
  ],
  ['images', 'repo.tag>5', 'QQL_BAD_VALUE', /">" needs a number or date token, and repo.tag is a keyword/],
  ['images', 'repo.tag:[a ... b]', 'QQL_BAD_VALUE', /a range needs a number or date token/],
  ['containers', 'isRogue:maybe', 'QQL_BAD_VALUE', /"maybe" is not true or false for isRogue at column 9/],
];

for (const dialect of DIALECTS) {
  describe(`QQL semantics (${dialect})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await freshDatabase(dialect);
      await seed(t.db);
    });
    after(() => t.dispose());

    for (const [entity, filter, expected] of answers) {
      it(`${entity}: ${filter} → [${expected.join(', ')}]`, async () => {
        assert.deepEqual(await qqlIds(t, { entity, filter, customerId: 'a', now: NOW }), expected);
      });
    }

    it('child collections see only the caller customer rows', async () => {
      assert.deepEqual(
        await qqlIds(t, { entity: 'images', filter: 'label.key:leak', customerId: 'b', now: NOW }),
        [],
      );
      assert.deepEqual(
        await qqlIds(t, { entity: 'images', filter: 'software.name:log4j*', customerId: 'b', now: NOW }),
        ['img4'],
      );
    });

    for (const [entity, filter, code, message] of failures) {
      it(`${entity}: ${filter} → ${code}`, async () => {
        await assert.rejects(qqlIds(t, { entity, filter, customerId: 'a', now: NOW }), (err: unknown) => {
          assert.ok(err instanceof QqlError, String(err));
          assert.equal(err.code, code);
          assert.match(err.message, message);
          return true;
        });
      });
    }
  });
}
