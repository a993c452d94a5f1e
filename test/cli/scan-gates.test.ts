import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { importAdvisories } from '../../src/core/advisory/import.js';
import type { OsvRecord } from '../../src/core/advisory/osv-types.js';
import type { Sbom } from '../../src/core/sbom/model.js';
import { debianRootfs, dpkgQuery, importDebianImage } from '../../src/test-support/debian-rootfs.js';
import { dockerSaveTo } from '../../src/test-support/registry-push.js';
import { runCli } from '../../src/test-support/run-cli.js';
import { type SourceVersions, scanDebianRecords } from '../e2e/scan-debian-records.js';

// Gates and warnings through the built CLI, on the real bookworm image (saved by the
// test dockerd) and on the SBOM the CLI itself makes of it. The database holds the
// e2e records (jq: Debian urgency "high" beside a CVSS 7.5 vector; glibc: urgency "low")
// plus a coreutils record Debian rates "medium" beside a CVSS 9.8 vector, and an
// unrated zlib one (UNKNOWN).
const tag = 'bulwark-test/debian:bookworm';
let work: string;
let archive: string;
let sbomPath: string;
let dbPath: string;
let versions: SourceVersions;

function debian(id: string, ecosystem: string, name: string, extra: Partial<OsvRecord> = {}): OsvRecord {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [
      { package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] },
    ],
    ...extra,
  };
}

async function dbOf(name: string, records: OsvRecord[]): Promise<string> {
  const dir = join(work, `${name}-osv`);
  await mkdir(dir, { recursive: true });
  for (const record of records) await writeFile(join(dir, `${record.id}.json`), JSON.stringify(record));
  const path = join(work, `${name}.db`);
  await importAdvisories(path, [dir]);
  return path;
}

const scanSbom = (...args: string[]) => runCli(['scan', 'sbom', sbomPath, ...args]);

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-gates-'));
  const rootfs = await debianRootfs();
  const rows = await dpkgQuery(rootfs.tarPath);
  const source = (name: string) => rows.find((r) => r.source === name)!.sourceVersion;
  versions = { jq: source('jq'), glibc: source('glibc'), zlib: source('zlib') };
  await importDebianImage(tag);
  archive = join(work, 'debian.tar');
  await dockerSaveTo(tag, archive);
  dbPath = await dbOf('main', [
    ...scanDebianRecords(versions),
    debian('DEBIAN-CVE-2099-0100', 'Debian:12', 'zlib', { upstream: ['CVE-2099-0100'] }),
    {
      ...debian('DEBIAN-CVE-2099-0101', 'Debian:12', 'coreutils', { upstream: ['CVE-2099-0101'] }),
      affected: [
        {
          package: { ecosystem: 'Debian:12', name: 'coreutils' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
          ecosystem_specific: { urgency: 'medium' },
        },
      ],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    },
  ]);
  const made = await runCli(['sbom', `docker-archive:${archive}`, '--format', 'json', '--no-cache']);
  assert.equal(made.code, 0, made.stderr);
  sbomPath = join(work, 'debian.sbom.json');
  await writeFile(sbomPath, made.stdout);
});
after(() => rm(work, { recursive: true, force: true }));

describe('Trivy-style gates', () => {
  test('--exit-code 1 --severity HIGH,CRITICAL fails on the Debian image with a HIGH finding', async () => {
    const r = await runCli([
      'scan',
      'image',
      `docker-archive:${archive}`,
      '--db',
      dbPath,
      '--no-cache',
      '--exit-code',
      '1',
      '--severity',
      'HIGH,CRITICAL',
    ]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /CVE-2099-0001 +HIGH/);
    assert.doesNotMatch(r.stdout, /CVE-2099-0101/, 'the MEDIUM coreutils finding is not shown');
    assert.match(r.stderr, /^fail: 2 findings reported \(--exit-code fails on any finding shown\)$/m);
  });

  test('--exit-code 1 --severity CRITICAL passes, and the summary says what it hid', async () => {
    const r = await scanSbom('--db', dbPath, '--exit-code', '1', '--severity', 'critical');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^HIGH +- +\(2 filtered out by --severity\)$/m);
    assert.doesNotMatch(r.stdout, /^HIGH +0/m);
    assert.match(r.stdout, /^Filtered out: 2 HIGH, 1 MEDIUM, \d+ LOW, 1 UNKNOWN \(--severity\)$/m);
  });

  test('--exit-code 7 with an explicit condition: the condition decides, 7 is the code', async () => {
    const pass = await scanSbom('--db', dbPath, '--exit-code', '7', '--fail-on-severity', 'critical');
    assert.equal(pass.code, 0, pass.stderr);
    const fail = await scanSbom('--db', dbPath, '--exit-code', '7', '--fail-max', 'HIGH=1');
    assert.equal(fail.code, 7, fail.stderr);
  });
});

describe('UNKNOWN severity', () => {
  test('an unrated finding is UNKNOWN, shown and counted by default', async () => {
    const r = await scanSbom('--db', dbPath, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    const zlib = doc.findings.find((f: { id: string }) => f.id === 'CVE-2099-0100');
    assert.deepEqual([zlib.severity, zlib.severityName, zlib.severitySource], [1, 'UNKNOWN', 'unknown']);
    assert.equal(doc.summary.bySeverity.UNKNOWN.total, 1);
    const gated = await scanSbom('--db', dbPath, '--exit-code', '1');
    assert.equal(gated.code, 1, 'an UNKNOWN finding fails --exit-code alone');
  });

  test('a severity gate says it does not count UNKNOWN; --fail-on-unknown and --unknown-as do', async () => {
    const low = await scanSbom('--db', dbPath, '--fail-on-severity', 'critical');
    assert.equal(low.code, 0);
    assert.match(low.stderr, /^note: 1 finding of UNKNOWN severity not counted by the severity gate/m);
    const strict = await scanSbom('--db', dbPath, '--fail-on-severity', 'CRITICAL', '--fail-on-unknown');
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /^fail: 1 finding of UNKNOWN severity$/m);
    const as = await scanSbom('--db', dbPath, '--fail-on-severity', 'Critical', '--unknown-as', 'critical');
    assert.equal(as.code, 1);
  });

  test('the distro rating decides for OS packages, CVSS shown beside, severitySource in JSON', async () => {
    const doc = JSON.parse((await scanSbom('--db', dbPath, '--format', 'json')).stdout);
    const coreutils = doc.findings.find((f: { id: string }) => f.id === 'CVE-2099-0101');
    // Debian rates it "medium"; its CVSS vector scores 9.8 (CRITICAL): Debian decides.
    assert.equal(coreutils.cvss.score, 9.8);
    assert.equal(coreutils.severitySource, 'distro');
    assert.equal(coreutils.severityName, 'MEDIUM');
  });
});

describe('missing data', () => {
  test('an OS release with no data warns in the table and JSON, and fails under --fail-on-missing-data', async () => {
    const other = await dbOf('deb11', [debian('DEBIAN-CVE-2099-0200', 'Debian:11', 'zlib')]);
    const table = await scanSbom('--db', other);
    assert.equal(table.code, 0, table.stderr);
    assert.match(
      table.stdout,
      /^WARNING: Debian:12: \d+ OS packages not checked: the database has no advisories for this OS release$/m,
    );
    assert.doesNotMatch(table.stdout, /No vulnerabilities found/);
    const json = await scanSbom('--db', other, '--format', 'json');
    assert.equal(JSON.parse(json.stdout).warnings[0].reason, 'no-data-for-release');
    assert.match(json.stderr, /^warning: Debian:12: \d+ OS packages not checked/m);
    const strict = await scanSbom('--db', other, '--fail-on-missing-data');
    assert.equal(strict.code, 1);
    assert.match(strict.stderr, /^fail: \d+ packages could not be checked: no data for Debian:12$/m);
  });

  test('an SBOM with no packages at all says nothing could be checked', async () => {
    const empty: Sbom = {
      bomFormat: 'bulwark-sbom',
      schemaVersion: 1,
      image: { ref: 'scratch', kind: 'sbom', imageId: 'sha256:2', repoTags: [], repoDigests: [] },
      layers: [],
      packages: [],
      unknowns: [],
    };
    const path = join(work, 'empty.sbom.json');
    await writeFile(path, JSON.stringify(empty));
    const r = await runCli(['scan', 'sbom', path, '--db', dbPath]);
    assert.match(r.stdout, /^WARNING: no packages were found, so nothing could be checked/m);
    assert.doesNotMatch(r.stdout, /No vulnerabilities found/);
  });

  test('a database older than --db-max-age warns on every scan', async () => {
    const old = join(work, 'old.db');
    await writeFile(old, await readFile(dbPath));
    const db = new Database(old);
    db.prepare("UPDATE meta SET value = '2020-01-01T00:00:00.000Z' WHERE key = 'updated_at'").run();
    db.close();
    const r = await scanSbom('--db', old);
    assert.match(r.stdout, /^WARNING: the vulnerability database is \d+ days old \(more than 7\)/m);
    const quiet = await scanSbom('--db', old, '--db-max-age', '0');
    assert.doesNotMatch(quiet.stdout, /days old/);
  });

  test('no database and --offline: exit 2 with how to import one', async () => {
    const r = await scanSbom('--db', join(work, 'none', 'vuln.db'), '--offline');
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^error\[ADVISORY_DB_MISSING\]: .*--offline forbids downloading one: import one offline with `bulwark db import/m,
    );
  });

  test('no database: the first scan downloads it (here from a local mirror)', async () => {
    const mirror = join(work, 'mirror');
    const { defaultUpdateEcosystems } = await import('../../src/core/advisory/ecosystems.js');
    for (const ecosystem of defaultUpdateEcosystems)
      await mkdir(join(mirror, ecosystem), { recursive: true });
    for (const record of scanDebianRecords(versions))
      await writeFile(join(mirror, 'Debian', `${record.id}.json`), JSON.stringify(record));
    const fresh = join(work, 'fresh', 'vuln.db');
    const r = await runCli(['scan', 'sbom', sbomPath, '--db', fresh], { env: { BULWARK_DB_SOURCE: mirror } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /no vulnerability database at .*: downloading it/);
    assert.match(r.stdout, /CVE-2099-0001/);
  });

  test('no database and the download fails: exit 2, the message says how to import one', async () => {
    const r = await runCli(['scan', 'sbom', sbomPath, '--db', join(work, 'none2', 'vuln.db')], {
      env: { BULWARK_DB_SOURCE: join(work, 'no-such-mirror') },
    });
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^error\[ADVISORY_DB_MISSING\]: could not download the vulnerability database .*bulwark db import/m,
    );
  });
});

describe('dev dependencies and VEX on packages', () => {
  let devSbom: string;
  let npmDb: string;
  before(async () => {
    const sbom: Sbom = {
      bomFormat: 'bulwark-sbom',
      schemaVersion: 1,
      image: { ref: 'app', kind: 'sbom', imageId: 'sha256:0', repoTags: [], repoDigests: [] },
      layers: [],
      packages: [
        {
          type: 'npm',
          name: 'mocha-helper',
          version: '1.0.0',
          dev: true,
          location: { path: 'app/package-lock.json' },
        },
        { type: 'npm', name: 'lodash', version: '4.17.20', location: { path: 'app/package-lock.json' } },
      ],
      unknowns: [],
    };
    devSbom = join(work, 'dev.sbom.json');
    await writeFile(devSbom, JSON.stringify(sbom));
    const npm = (id: string, name: string): OsvRecord => ({
      id,
      modified: '2024-01-01T00:00:00Z',
      database_specific: { severity: 'HIGH' },
      affected: [
        { package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] },
      ],
    });
    npmDb = await dbOf('npm', [
      npm('GHSA-dev0-0000-0001', 'mocha-helper'),
      npm('GHSA-lodh-0000-0002', 'lodash'),
    ]);
  });

  test('dev-only packages are left out by default, counted, and back with --include-dev-deps', async () => {
    const r = await runCli(['scan', 'sbom', devSbom, '--db', npmDb]);
    assert.doesNotMatch(r.stdout, /mocha-helper/);
    assert.match(r.stdout, /^Filtered out: 1 in dev dependencies/m);
    const all = await runCli(['scan', 'sbom', devSbom, '--db', npmDb, '--include-dev-deps']);
    assert.match(all.stdout, /mocha-helper/);
  });

  test('an OpenVEX statement whose product is a package purl in the image applies to it', async () => {
    const vex = join(work, 'pkg.openvex.json');
    await writeFile(
      vex,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        statements: [
          {
            vulnerability: { name: 'GHSA-lodh-0000-0002' },
            products: [{ '@id': 'pkg:npm/lodash@4.17.20' }],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
          },
        ],
      }),
    );
    const r = await runCli(['scan', 'sbom', devSbom, '--db', npmDb, '--vex', vex, '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.findings.length, 0);
    assert.equal(doc.suppressed[0].finding.id, 'GHSA-lodh-0000-0002');
  });
});

describe('severity from every source, and an end-of-life OS, through the CLI', () => {
  test('CVSS v4 vectors are scored; an unrated PYSEC takes its GHSA alias rating; Debian 10 is end-of-life', async () => {
    const sbom: Sbom = {
      bomFormat: 'bulwark-sbom',
      schemaVersion: 1,
      image: { ref: 'old-app', kind: 'sbom', imageId: 'sha256:1', repoTags: [], repoDigests: [] },
      os: { family: 'debian', version: '10', name: 'Debian GNU/Linux 10 (buster)', codename: 'buster' },
      layers: [],
      packages: [
        { type: 'pypi', name: 'django', version: '1.0', location: { path: 'app/requirements.txt' } },
        { type: 'npm', name: 'left-pad', version: '1.0.0', location: { path: 'app/package-lock.json' } },
        { type: 'deb', name: 'bash', version: '5.0-4', location: { path: 'var/lib/dpkg/status' } },
      ],
      unknowns: [],
    };
    const path = join(work, 'old.sbom.json');
    await writeFile(path, JSON.stringify(sbom));
    const range = (introduced: string, fixed: string) => [
      { type: 'ECOSYSTEM' as const, events: [{ introduced }, { fixed }] },
    ];
    const db = await dbOf('sources', [
      {
        id: 'PYSEC-2099-1',
        modified: '2024-01-01T00:00:00Z',
        aliases: ['GHSA-aaaa-bbbb-cccc'],
        affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: range('0', '1.1') }],
      },
      {
        id: 'GHSA-aaaa-bbbb-cccc',
        modified: '2024-01-01T00:00:00Z',
        database_specific: { severity: 'HIGH' },
        affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, ranges: range('5.0', '5.1') }],
      },
      {
        id: 'GHSA-v4v4-v4v4-v4v4',
        modified: '2024-01-01T00:00:00Z',
        severity: [
          { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
        ],
        affected: [
          {
            package: { ecosystem: 'npm', name: 'left-pad' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.1.0' }] }],
          },
        ],
      },
      debian('DEBIAN-CVE-2099-0300', 'Debian:10', 'bash'),
    ]);
    const r = await runCli(['scan', 'sbom', path, '--db', db, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    const by = (id: string) => doc.findings.find((f: { id: string }) => f.id === id);
    assert.deepEqual(
      [by('PYSEC-2099-1').severityName, by('PYSEC-2099-1').severitySource],
      ['HIGH', 'advisory'],
    );
    assert.deepEqual(
      [by('GHSA-v4v4-v4v4-v4v4').severityName, by('GHSA-v4v4-v4v4-v4v4').cvss.score],
      ['CRITICAL', 9.3],
    );
    const eol = doc.warnings.find((w: { kind: string }) => w.kind === 'os-eol');
    assert.equal(eol.eolDate, '2024-06-30');
    const table = await runCli(['scan', 'sbom', path, '--db', db]);
    assert.match(
      table.stdout,
      /^WARNING: Debian GNU\/Linux 10 \(buster\) is end-of-life \(since 2024-06-30\)/m,
    );
  });
});
