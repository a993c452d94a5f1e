import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importAdvisories } from '../../src/core/advisory/import.js';
import { docker, testDocker } from '../../src/test-support/components.js';
import { runCli } from '../../src/test-support/run-cli.js';

// An Amazon Linux 2-like image: an rpm database written by Debian's rpm from packages built
// with rpmbuild under Amazon Linux 2 names and releases, and Amazon Linux 2's os-release,
// built by the real test dockerd and scanned by the built CLI. OSV publishes no Amazon
// Linux data: before the ALAS feed is converted, every output says the release has none;
// after `db update --feed amazon-linux-2=…`, the ALAS fixes are found.
const repo = new URL('../../', import.meta.url).pathname;
const here = join(repo, 'test/e2e/amazon-linux-2-image');
const alasDir = join(repo, 'src/core/advisory/feeds/testdata/amazon-linux-2');
// Unrelated records, so the database is not empty and the gap is the release's own.
const otherRecords = join(repo, 'src/core/matcher/redhat/testdata');
const tag = 'bulwark-test/amazonlinux-like:2';

let work: string;
let db: string;
const scan = (format: string) =>
  runCli([
    'scan',
    `docker:${tag}`,
    '--docker-host',
    testDocker().host,
    '--db',
    db,
    '--no-cache',
    '-f',
    format,
  ]);
const missing =
  'Amazon Linux:2: 5 OS packages not checked: the database has no advisories for this OS release (OSV publishes none: `bulwark db update --feed amazon-linux-2=DIR|URL`)';

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-al2-'));
  db = join(work, 'vuln.db');
  execFileSync('bash', [join(here, 'make-al2-rpmdb.sh'), join(work, 'rpm')], { stdio: 'pipe' });
  const ctx = join(work, 'ctx');
  await mkdir(join(ctx, 'rootfs/var/lib/rpm'), { recursive: true });
  await mkdir(join(ctx, 'rootfs/etc'), { recursive: true });
  await copyFile(join(work, 'rpm/db/rpmdb.sqlite'), join(ctx, 'rootfs/var/lib/rpm/rpmdb.sqlite'));
  await copyFile(join(here, 'os-release'), join(ctx, 'rootfs/etc/os-release'));
  await copyFile(join(here, 'Dockerfile'), join(ctx, 'Dockerfile'));
  await docker(['build', '--network', 'none', '-q', '-t', tag, ctx]);
  await importAdvisories(db, [otherRecords]);
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

interface JsonReport {
  warnings: { kind: string; reason: string; ecosystem: string; message: string }[];
  findings: {
    id: string;
    package: { name: string };
    fixedVersions: string[];
    evidence: { advisoryId: string; ecosystem: string }[];
  }[];
}

test('before the feed: table, JSON and SARIF say Amazon Linux 2 has no advisory data', async () => {
  const table = await scan('table');
  assert.equal(table.code, 0, table.stderr);
  assert.ok(`${table.stdout}${table.stderr}`.includes(missing), table.stdout + table.stderr);
  const json = await scan('json');
  const report = JSON.parse(json.stdout) as JsonReport;
  assert.deepEqual(
    report.warnings.filter((w) => w.kind === 'missing-data').map((w) => [w.reason, w.ecosystem, w.message]),
    [['no-data-for-release', 'Amazon Linux:2', missing]],
  );
  const sarif = JSON.parse((await scan('sarif')).stdout) as {
    runs: { invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[];
  };
  const notes = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text);
  assert.ok(notes.includes(missing), notes.join('\n'));
});

test('db update --feed amazon-linux-2 → the scan finds the ALAS fixes, epoch included', async () => {
  const update = await runCli(['db', 'update', '--db', db, '--feed', `amazon-linux-2=${alasDir}`]);
  assert.equal(update.code, 0, update.stderr);
  assert.match(update.stdout, /feed amazon-linux-2: updated, 2 records from /);
  const report = JSON.parse((await scan('json')).stdout) as JsonReport;
  assert.deepEqual(
    report.warnings.filter((w) => w.kind === 'missing-data'),
    [],
  );
  const evidence = (v: JsonReport['findings'][number]) =>
    v.evidence.map((e) => `${e.advisoryId}@${e.ecosystem}`).join(',');
  const found = report.findings
    .map((v) => `${v.package.name} ${v.id} ${v.fixedVersions.join(',')} ${evidence(v)}`)
    .sort();
  assert.deepEqual(found, [
    // Two CVEs: reported by the advisory id. One CVE: reported by it (the advisory is the evidence).
    'curl ALAS2-2023-2068 0:8.1.2-1.amzn2.0.1 ALAS2-2023-2068@Amazon Linux:2',
    'libcurl ALAS2-2023-2068 0:8.1.2-1.amzn2.0.1 ALAS2-2023-2068@Amazon Linux:2',
    'openssl-libs CVE-2023-0286 1:1.0.2k-24.amzn2.0.7 ALAS2-2023-2062@Amazon Linux:2',
  ]);
});
