import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { importAdvisories } from '../../src/core/advisory/import.js';
import { AdvisoryStore } from '../../src/core/advisory/store.js';
import { matchSbom } from '../../src/core/matcher/match-sbom.js';
import type { Sbom } from '../../src/core/sbom/model.js';
import { explainVulnerability } from '../../src/core/scan/explain.js';
import { generateSbom } from '../../src/core/scan/generate-sbom.js';
import { docker, testDocker } from '../../src/test-support/components.js';

// A CentOS 7-like image: an rpm database written by Debian's rpm from packages built with
// rpmbuild under real CentOS 7.7.1908 names, versions and source rpms, and CentOS 7's
// os-release, built by the real test dockerd. CentOS has no OSV feed of its own: it is
// matched against RHEL 7 records, which live under `Red Hat:enterprise_linux:7::server`,
// `::client`… and are found only by prefix.
const repo = new URL('../../', import.meta.url).pathname;
const here = join(repo, 'test/e2e/centos7-image');
const records = join(repo, 'src/core/matcher/redhat/testdata');
const tag = 'bulwark-test/centos7-like:7.7.1908';

let work: string;
let sbom: Sbom;
let store: AdvisoryStore;
let truth: string[];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-centos7-'));
  execFileSync('bash', [join(here, 'make-centos7-rpmdb.sh'), join(work, 'rpm')], { stdio: 'pipe' });
  truth = execFileSync(
    'rpm',
    [
      '-qa',
      '--dbpath',
      join(work, 'rpm/db'),
      '--qf',
      '%{NAME} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE} %{SOURCERPM}\\n',
    ],
    { encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .sort();
  const ctx = join(work, 'ctx');
  await mkdir(join(ctx, 'rootfs/var/lib/rpm'), { recursive: true });
  await mkdir(join(ctx, 'rootfs/usr/lib'), { recursive: true });
  await mkdir(join(ctx, 'rootfs/etc'), { recursive: true });
  await copyFile(join(work, 'rpm/db/rpmdb.sqlite'), join(ctx, 'rootfs/var/lib/rpm/rpmdb.sqlite'));
  await copyFile(join(here, 'os-release'), join(ctx, 'rootfs/usr/lib/os-release'));
  await writeFile(join(ctx, 'rootfs/etc/centos-release'), 'CentOS Linux release 7.7.1908 (Core)\n');
  await writeFile(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY rootfs/ /\n');
  await docker(['build', '--network', 'none', '-q', '-t', tag, ctx]);
  sbom = await generateSbom(`docker:${tag}`, { cacheDir: false, docker: { host: testDocker().host } });
  await importAdvisories(join(work, 'db.sqlite'), [records]);
  store = AdvisoryStore.open(join(work, 'db.sqlite'));
});
after(async () => {
  store?.close();
  await rm(work, { recursive: true, force: true });
});

test('the image reads as CentOS 7 with exactly the packages rpm lists', () => {
  assert.equal(sbom.os?.family, 'centos');
  assert.equal(sbom.os?.version, '7');
  const ours = sbom.packages
    .filter((p) => p.type === 'rpm')
    // The model writes the epoch into versions (`32:9.11.4-9.P2.el7`); a source rpm's file name has none.
    .map((p) => {
      const sourceVersion = (p.source?.version ?? '').replace(/^\d+:/, '');
      return `${p.name} ${p.version} ${p.source?.name}-${sourceVersion}.src.rpm`;
    })
    .sort();
  assert.equal(truth.length, 5);
  assert.deepEqual(ours, truth);
});

test('RHEL 7 records match CentOS 7 packages: bash and bind-license affected, openssl-libs fixed', () => {
  const found = matchSbom(sbom, store).map(
    (f) => `${f.package.name} ${f.id} ${f.fixedVersions.join(',')} ${f.evidence[0]?.ecosystem}`,
  );
  assert.deepEqual(found.sort(), [
    'bash CVE-2019-9924 0:4.2.46-34.el7 Red Hat:enterprise_linux:7::client',
    'bind-license CVE-2020-8616 32:9.11.4-16.P2.el7_8.6 Red Hat:enterprise_linux:7::server',
  ]);
});

test('explain: openssl-libs 1:1.0.2k-19.el7 is past the RHEL 7 fix for CVE-2018-5407', () => {
  const explained = explainVulnerability(sbom, store, 'CVE-2018-5407');
  assert.equal(!explained.evaluations.some((e) => e.status === 'affected'), true);
  assert.deepEqual(
    explained.evaluations.map((e) => [e.package.name, e.record.id, e.status]),
    [['openssl-libs', 'RHSA-2019:0483', 'not-affected']],
  );
});
