/**
 * `bulwark ci` end to end, through the built CLI, against the real test dockerd (unix socket
 * and mutual-TLS tcp://), a real CI/CD sensor (SensorAgent in cicd mode) and a real
 * `bulwark server` whose vulnerability database holds advisories on real source packages of
 * the bookworm image (versions from dpkg-query, the truth). A loopback HTTP server stands in
 * for the CI system's webhook receiver.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CiRunSummary } from '../../src/ci/ci-summary.js';
import { importAdvisories } from '../../src/core/advisory/import.js';
import type { OsvRecord } from '../../src/core/advisory/osv-types.js';
import { SensorAgent } from '../../src/sensor/agent/sensor-agent.js';
import { serverVulnDbPath } from '../../src/server/matching/advisory-source.js';
import { testDocker, testDockerTls } from '../../src/test-support/components.js';
import { debianRootfs, dpkgQuery, importDebianImage } from '../../src/test-support/debian-rootfs.js';
import { runCli } from '../../src/test-support/run-cli.js';
import {
  docker,
  eventually,
  loadLabelled,
  newScope,
  type SensorServer,
  sensorTestOptions,
  startSensorServer,
} from '../../src/test-support/sensor-harness.js';

const DEBIAN = 'bulwark-test/sensor-debian:latest';
const PASSWORD = 'sensor-test-pw-1';
const cvss98 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

function advisory(
  id: string,
  source: string,
  fixed: string,
  urgency: string,
  extra: Partial<OsvRecord> = {},
) {
  return {
    id,
    modified: '2026-01-01T00:00:00Z',
    aliases: [`CVE-2026-${id.replace(/\D/g, '').padStart(4, '0')}`],
    summary: `${source} CI gate test advisory`,
    affected: [
      {
        package: { ecosystem: 'Debian:12', name: source },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
        ecosystem_specific: { urgency },
      },
    ],
    ...extra,
  } as OsvRecord;
}

interface Hook {
  url: string;
  bodies: CiRunSummary[];
  server: Server;
}

async function webhookReceiver(): Promise<Hook> {
  const bodies: CiRunSummary[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => {
      text += d;
    });
    req.on('end', () => {
      bodies.push(JSON.parse(text) as CiRunSummary);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

describe('bulwark ci end to end (real dockerd, CI/CD sensor, server)', { timeout: 600_000 }, () => {
  let dir: string;
  let server: SensorServer;
  let agent: SensorAgent;
  let hook: Hook;
  let globalHook: Hook;
  const scope = newScope();
  const run = scope.split('=')[1] as string;
  const trigger = `bulwark_ci_e2e_${run}`;
  const loaded: string[] = [];
  let debianId: string;
  let cleanId: string;
  let unseenId: string;
  const vulnerable: string[] = [];

  const ci = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runCli(['ci', '--server', server.url, '--user', 'admin', '--trigger-tag', trigger, ...args], {
      env: { BULWARK_PASSWORD: PASSWORD, IMAGE_ID: '', BULWARK_TOKEN: '', ...env },
      cwd: dir,
      timeoutMs: 300_000,
    });
  const fast = ['--poll-interval', '500ms', '--timeout', '240s'];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-ci-e2e-'));
    [hook, globalHook] = [await webhookReceiver(), await webhookReceiver()];
    server = await startSensorServer();
    // Advisories on three real source packages of the image: two affected (urgency high and
    // medium, the first with a CVSS 3.1 vector scoring 9.8), one fixed long ago.
    const rows = await dpkgQuery((await debianRootfs()).tarPath);
    const sources = [...new Map(rows.map((r) => [r.source, r])).values()].sort((a, b) =>
      a.source.localeCompare(b.source),
    );
    const [s1, s2, s3] = sources as [(typeof sources)[0], (typeof sources)[0], (typeof sources)[0]];
    const osv = join(dir, 'osv');
    await mkdir(osv, { recursive: true });
    const records = [
      advisory('DSA-9101-1', s1.source, `${s1.sourceVersion}+fix1`, 'high', {
        severity: [{ type: 'CVSS_V3', score: cvss98 }],
      }),
      advisory('DSA-9102-1', s2.source, `${s2.sourceVersion}+fix1`, 'medium'),
      advisory('DSA-9103-1', s3.source, '0.0.1-1', 'high'),
    ];
    // The server names a vulnerability by its CVE when it has one.
    vulnerable.push('CVE-2026-91011', 'CVE-2026-91021');
    for (const r of records) await writeFile(join(osv, `${r.id}.json`), JSON.stringify(r));
    await mkdir(join(server.dataDir, 'vulndb'), { recursive: true });
    await importAdvisories(serverVulnDbPath(server.dataDir), [osv]);

    debianId = (await importDebianImage(DEBIAN)).trim();
    const load = (pkg: string) =>
      loadLabelled(join(dir, `${pkg}.tar`), scope, pkg, {
        tag: `bulwark-test/${pkg}-${run}:1`,
        loaded: (id) => loaded.push(id),
      });
    cleanId = await load('ci-clean');
    unseenId = await load('ci-unseen');
    // The CI/CD sensor watches every image on the host for this run's trigger tag (no label scope:
    // the imported Debian image carries none).
    agent = new SensorAgent(
      sensorTestOptions(server, join(dir, 'storage'), scope, {
        mode: 'cicd',
        triggerTag: trigger,
        labelScope: undefined,
      }),
    );
    await agent.start();
  });

  after(async () => {
    await agent?.stop();
    for (const id of loaded) await docker(['rmi', '-f', id]).catch(() => '');
    for (const t of [
      `${trigger}:${debianId?.slice(7, 19)}`,
      `bulwark_ci_nobody_${run}:${unseenId?.slice(7, 19)}`,
    ])
      await docker(['rmi', t]).catch(() => '');
    await server?.close();
    for (const h of [hook, globalHook]) h?.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a clean image passes (exit 0), with reports, and the webhook gets the result', async () => {
    const reports = join(dir, 'reports-clean');
    const r = await ci([
      '--image-ids',
      cleanId.slice(7, 19),
      '--docker-host',
      testDocker().host,
      '--fail-on-severity',
      '4=0,5=0',
      '--report-dir',
      reports,
      '--webhook',
      hook.url,
      ...fast,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /PASS/);
    assert.match(r.stderr, /tagged bulwark_ci_e2e_.* for the CI\/CD sensor/);
    assert.match(
      r.stderr,
      /GET http:\/\/127\.0\.0\.1:\d+\/csapi\/v1\.1\/ci\/images\/[0-9a-f]{64}\/vuln -> 200 complete/,
    );
    const files = (await readdir(reports)).sort();
    const short = cleanId.slice(7, 19);
    assert.deepEqual(files, [
      `bulwark-${short}.html`,
      `bulwark-${short}.junit.xml`,
      `bulwark-${short}.sarif.json`,
    ]);
    assert.match(await readFile(join(reports, `bulwark-${short}.junit.xml`), 'utf8'), /no vulnerabilities/);
    const body = hook.bodies.at(-1);
    assert.equal(body?.passed, true);
    assert.equal(body?.images[0]?.outcome, 'complete');
    assert.equal(body?.images[0]?.sha, cleanId);
    // The sensor removed its trigger tag after the upload.
    await eventually('trigger tag removed', async () =>
      (await docker(['image', 'inspect', '--format', '{{join .RepoTags " "}}', cleanId])).includes(trigger)
        ? undefined
        : true,
    );
  });

  it('a vulnerable image fails (exit 1) over tcp:// with TLS, writes reports; the job webhook beats the global one', async () => {
    const tls = testDockerTls();
    const reports = join(dir, 'reports-vuln');
    // Global configuration in the config file; the job's flags override it.
    // Not ./bulwark.yaml: the CLI would read that one in every later run from this directory.
    await mkdir(join(dir, 'conf'), { recursive: true });
    const config = join(dir, 'conf', 'global.yaml');
    await writeFile(
      config,
      [
        'ci:',
        `  webhook: ${globalHook.url}`,
        `  docker-host: ${tls.host}`,
        `  docker-cert-path: ${tls.certPath}`,
        '  fail-on-severity: 4=5',
        `  report-dir: ${reports}`,
      ].join('\n'),
    );
    const r = await ci(['--config', config, '--fail-on-severity', '4=0', '--webhook', hook.url, ...fast], {
      IMAGE_ID: debianId.slice(7, 19),
    });
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /FAIL/);
    assert.match(r.stdout, /fail: 1 HIGH findings \(at most 0 allowed\)/);
    assert.match(r.stderr, /on tcp:\/\/127\.0\.0\.1:\d+ for the CI\/CD sensor/);
    const short = debianId.slice(7, 19);
    const html = await readFile(join(reports, `bulwark-${short}.html`), 'utf8');
    const sarif = JSON.parse(await readFile(join(reports, `bulwark-${short}.sarif.json`), 'utf8'));
    const junit = await readFile(join(reports, `bulwark-${short}.junit.xml`), 'utf8');
    for (const id of vulnerable) {
      assert.ok(html.includes(id), id);
      assert.ok(junit.includes(`name="${id} (`), id);
    }
    assert.ok(!html.includes('CVE-2026-91031'), 'the fixed advisory is not a finding');
    assert.equal(sarif.runs[0].results.length, 2);
    const body = hook.bodies.at(-1);
    assert.equal(body?.passed, false);
    assert.equal(body?.exitCode, 1);
    assert.deepEqual(body?.images[0]?.vulnerabilities.map((v) => v.id).sort(), vulnerable);
    assert.equal(body?.images[0]?.severityCounts?.HIGH, 1);
    assert.equal(globalHook.bodies.length, 0, 'the job-level webhook URL overrides the global one');
  });

  it('fail conditions on the completed image: CVSS v3, ids, exclusions; several images fail if any fails', async () => {
    const ids = ['--image-ids', debianId.slice(7, 19), '--docker-host', testDocker().host, ...fast];
    const cvss = await ci([...ids, '--fail-cvss', '9', '--cvss-version', '3']);
    assert.equal(cvss.code, 1, cvss.stdout);
    assert.match(cvss.stdout, /CVSS >= 9/);
    const v2 = await ci([...ids, '--fail-cvss', '9', '--cvss-version', '2']);
    assert.equal(v2.code, 0, v2.stdout);
    assert.match(v2.stdout, /no CVSS v2 score/);
    const excluded = await ci([...ids, '--fail-on-severity', '4=0', '--exclude-id', 'DSA-9101-1']);
    assert.equal(excluded.code, 0, excluded.stdout);
    assert.match(excluded.stdout, /excluded: CVE-2026-91011/);
    const failId = await ci([...ids, '--fail-id', 'DSA-9102-1', '--json']); // an alias
    assert.equal(failId.code, 1);
    const summary = JSON.parse(failId.stdout) as CiRunSummary;
    assert.match(summary.images[0]?.reasons.join('\n') ?? '', /DSA-9102-1 is present/);
    const both = await ci(['--docker-host', testDocker().host, '--fail-on-severity', '4=0', ...fast], {
      // The clean image twice (short id and full sha): polled and reported once.
      IMAGE_ID: `${cleanId.slice(7, 19)},${cleanId},${debianId.slice(7, 19)}`,
    });
    assert.equal(both.code, 1, both.stdout);
    assert.equal(both.stdout.split(`${cleanId.slice(7, 19)}  `).length, 2, both.stdout);
    assert.match(both.stdout, new RegExp(`${cleanId.slice(7, 19)}  PASS`));
    assert.match(both.stdout, new RegExp(`${debianId.slice(7, 19)}  FAIL`));
  });

  it('timeout: no results passes without fail conditions, exits 3 with them; no report either way', async () => {
    const nobody = `bulwark_ci_nobody_${run}`;
    const args = [
      '--image-ids',
      unseenId,
      '--docker-host',
      testDocker().host,
      '--trigger-tag',
      nobody,
      '--poll-interval',
      '300ms',
      '--timeout',
      '2s',
      '--report-dir',
      join(dir, 'reports-timeout'),
      '--webhook',
      hook.url,
    ];
    const plain = await ci(args);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /NO RESULTS: not checked/);
    assert.match(plain.stdout, /NOT a clean result/);
    assert.match(plain.stderr, /-> 204 processing/);
    assert.equal(hook.bodies.at(-1)?.images[0]?.outcome, 'timeout');
    assert.equal(hook.bodies.at(-1)?.checked, false, 'a pass without results is not a checked run');
    assert.match(plain.stdout, /^result: PASS, NOT CHECKED: /m);
    const gated = await ci([...args, '--fail-on-severity', '5=0']);
    assert.equal(gated.code, 3, gated.stdout);
    assert.match(gated.stdout, /fail: no results within 2s/);
    await assert.rejects(readdir(join(dir, 'reports-timeout')), 'no report without results');
  });

  it('bad input: unknown image id, bad flags, wrong credentials', async () => {
    const host = ['--docker-host', testDocker().host];
    const unknown = await ci(['--image-ids', 'feedfacefeed', ...host]);
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /^error\[USAGE\]: image id feedfacefeed: no such image on the Docker Engine/m,
    );
    assert.equal(unknown.stderr.split('\n').filter((l) => l.startsWith('error')).length, 1);
    for (const bad of [['--fail-cvss', 'high'], ['--frobnicate'], ['--poll-interval', 'often']]) {
      const r = await ci(['--image-ids', cleanId.slice(7, 19), ...host, ...bad]);
      assert.equal(r.code, 2, bad.join(' '));
      assert.match(r.stderr, /^error/m);
    }
    const refused = await ci(['--image-ids', cleanId.slice(7, 19), ...host, ...fast], {
      BULWARK_TOKEN: 'not-a-real-token',
    });
    assert.equal(refused.code, 4, refused.stdout);
    assert.match(refused.stderr, /-> 401 .*stopping/);
  });
});
