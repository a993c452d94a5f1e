/**
 * Registry scanning end to end: a real `bulwark server` (in-process, SQLite, its own
 * vulnerability database), the registry sensor as its own process (`bulwark sensor -r`)
 * and real `docker-registry` instances, one with htpasswd auth and one with token auth (a
 * small issuer in the test signs the tokens; the registry checks them). The registry and an on-demand
 * schedule are created through the API; the job covers two whole repositories and one
 * specific tag of a third. Findings appear per image with source REGISTRY and the
 * registry's uuid; the tag left out is not scanned.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importAdvisories } from '../../src/core/advisory/import.js';
import { serverVulnDbPath } from '../../src/server/matching/advisory-source.js';
import { type RunningServer, startServer } from '../../src/server/server-main.js';
import {
  pushTinyImage,
  type RegistryInstance,
  startRegistryInstance,
  type TinyImage,
} from '../../src/test-support/registry-instances.js';
import { eventually } from '../../src/test-support/sensor-harness.js';

const ADMIN = { username: 'admin', password: 'registry-e2e-pw-1' };
const OS_RELEASE = 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n';
const status = (pkgs: [string, string][]) =>
  pkgs
    .map(([p, v]) => `Package: ${p}\nStatus: install ok installed\nVersion: ${v}\nArchitecture: amd64\n`)
    .join('\n');
const base: Record<string, string>[] = [
  { 'etc/os-release': OS_RELEASE },
  {
    'var/lib/dpkg/status': status([
      ['bash', '5.2.15-2'],
      ['zlib1g', '1:1.2.13.dfsg-1'],
    ]),
  },
];

let work: string;
let server: RunningServer;
let reg: RegistryInstance;
let tokenReg: RegistryInstance;
let sensor: ChildProcess | undefined;
const pushed: Record<string, TinyImage> = {};

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${server.url}/csapi/v1.1${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : undefined) as T };
}

interface Job {
  state: string;
  error: string | null;
  images: { repository: string; tag: string | null; status: string; imageId: string | null }[];
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Creates a V2-Private registry with Basic credentials through the API; its uuid. */
async function createRegistry(instance: RegistryInstance, password = instance.password): Promise<string> {
  const created = await api<{ registryUuid: string }>('POST', '/registry', {
    registryUri: instance.url,
    registryType: 'V2-Private',
    credentialType: 'BasicAuth',
    username: b64(instance.username),
    password: b64(password),
  });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  return created.json.registryUuid;
}

/** An on-demand schedule over `filters`, and its job once it is Completed or Failed. */
async function runOnDemand(
  registryUuid: string,
  name: string,
  filters: { repo: string; tag?: string }[],
): Promise<Job> {
  const schedule = await api<{ scheduleUuid: string }>('POST', `/registry/${registryUuid}/schedule`, {
    name,
    scheduleType: 'ON_DEMAND',
    filters,
  });
  assert.equal(schedule.status, 200, JSON.stringify(schedule.json));
  return eventually('the job to finish', async () => {
    const res = await api<Job[]>(
      'GET',
      `/registry/${registryUuid}/schedule/${schedule.json.scheduleUuid}/jobs`,
    );
    const last = res.status === 200 ? res.json[0] : undefined;
    return last && (last.state === 'Completed' || last.state === 'Failed') ? last : undefined;
  });
}

/** The image (by config digest) once the server holds it with findings. */
function imageWithFindings(what: string, configDigest: string | undefined) {
  const sha = (configDigest ?? '').slice('sha256:'.length);
  return eventually(`${what} with its findings`, async () => {
    const res = await api<{
      source: string[];
      registryUuid: string[] | null;
      vulnerabilities: { severity5Count: number };
    }>('GET', `/images/${sha}`);
    return res.status === 200 && res.json.vulnerabilities.severity5Count > 0 ? res.json : undefined;
  });
}

describe('registry scanning end to end (server + registry sensor + docker-registry)', () => {
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'bulwark-registry-e2e-'));
    const dataDir = join(work, 'data');
    const osv = join(work, 'osv');
    await mkdir(osv, { recursive: true });
    // One advisory for a package of the shared base, so every image has a finding.
    await writeFile(
      join(osv, 'DEBIAN-CVE-2099-1201.json'),
      JSON.stringify({
        id: 'DEBIAN-CVE-2099-1201',
        modified: '2025-01-01T00:00:00Z',
        published: '2025-01-01T00:00:00Z',
        details: 'Test record for the registry e2e.',
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
        affected: [
          {
            package: { ecosystem: 'Debian:12', name: 'bash', purl: 'pkg:deb/debian/bash?arch=source' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '5.2.15-3' }] }],
          },
        ],
      }),
    );
    await mkdir(join(dataDir, 'vulndb'), { recursive: true });
    await importAdvisories(serverVulnDbPath(dataDir), [osv]);
    server = await startServer({
      host: '127.0.0.1',
      port: 0,
      target: { dataDir },
      admin: ADMIN,
      logLevel: 'silent',
    });

    reg = await startRegistryInstance({ auth: 'htpasswd' });
    for (const [repo, tag] of [
      ['team/alpha', 'v1'],
      ['team/alpha', 'v2'],
      ['team/beta', 'v1'],
      ['team/gamma', 'v1'],
      ['team/gamma', 'v2'],
    ] as const)
      pushed[`${repo}:${tag}`] = await pushTinyImage(reg, repo, tag, [
        ...base,
        { [`opt/${repo}/${tag}`]: tag },
      ]);

    // Short-lived tokens, so a job outlives the first one the sensor is handed.
    tokenReg = await startRegistryInstance({ auth: 'token', tokenTtlSeconds: 5 });
    for (const repo of ['svc/web', 'svc/api'])
      pushed[`token:${repo}:v1`] = await pushTinyImage(tokenReg, repo, 'v1', [
        ...base,
        { [`opt/${repo}`]: repo },
      ]);

    const boot = server.bootstrap;
    assert.ok(boot, 'a fresh server bootstraps its first customer');
    // `bulwark sensor -r`, as a process of its own (from source, through the real CLI).
    sensor = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../src/test-support/sensor-cli-entry.ts'),
        'sensor',
        '-r',
        `ActivationId=${boot.activationId}`,
        `CustomerId=${boot.customerId}`,
        `ServerUrl=${server.url}`,
        `Storage=${join(work, 'sensor')}`,
        '--heartbeat-seconds',
        '1',
        '--log-level',
        '4',
        '--silent',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  });

  after(async () => {
    if (sensor && sensor.exitCode === null) {
      const exited = new Promise((r) => sensor?.once('exit', r));
      sensor.kill('SIGTERM');
      await exited;
    }
    await server?.close();
    await reg?.stop();
    await tokenReg?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('an on-demand job over two repositories and one tag: findings per image, source REGISTRY, the registry uuid', async () => {
    const registryUuid = await createRegistry(reg);
    const job = await runOnDemand(registryUuid, 'e2e on demand', [
      { repo: 'team/alpha' },
      { repo: 'team/beta' },
      { repo: 'team/gamma', tag: 'v1' },
    ]);
    assert.equal(job.state, 'Completed', JSON.stringify(job));
    const scanned = job.images.map((i) => `${i.repository}:${i.tag} ${i.status}`).sort();
    assert.deepEqual(scanned, [
      'team/alpha:v1 scanned',
      'team/alpha:v2 scanned',
      'team/beta:v1 scanned',
      'team/gamma:v1 scanned',
    ]);

    for (const key of ['team/alpha:v1', 'team/alpha:v2', 'team/beta:v1', 'team/gamma:v1']) {
      const sha = (pushed[key]?.configDigest ?? '').slice('sha256:'.length);
      const image = await imageWithFindings(key, pushed[key]?.configDigest);
      assert.ok(image.source.includes('REGISTRY'), `${key}: source ${image.source}`);
      assert.deepEqual(image.registryUuid, [registryUuid], key);
      const vulns = await api<{ id: string; software: { name: string }[] }[]>('GET', `/images/${sha}/vuln`);
      assert.deepEqual(
        vulns.json.map((v) => v.id),
        ['DEBIAN-CVE-2099-1201'],
        key,
      );
    }
    const left = (pushed['team/gamma:v2']?.configDigest ?? '').slice('sha256:'.length);
    assert.equal((await api('GET', `/images/${left}`)).status, 404, 'team/gamma:v2 was not asked for');
  });

  // The server finds out first (it lists the repository's tags when it expands the job); the
  // sensor's own handling of refused credentials is in src/sensor/registry/registry-job-runner.test.ts.
  it("credentials the registry refuses: the job is Failed with the registry's reason", async () => {
    const registryUuid = await createRegistry(reg, 'not-the-password');
    const job = await runOnDemand(registryUuid, 'e2e wrong password', [{ repo: 'team/alpha', tag: 'v1' }]);
    assert.equal(job.state, 'Failed', JSON.stringify(job));
    assert.match(job.error ?? '', /refused|401|credentials/i);
  });

  it('a token-auth registry created through the API: the sensor gets its tokens from the issuer and scans every image', async () => {
    const registryUuid = await createRegistry(tokenReg);
    const job = await runOnDemand(registryUuid, 'e2e token registry', [
      { repo: 'svc/web' },
      { repo: 'svc/api', tag: 'v1' },
    ]);
    assert.equal(job.state, 'Completed', JSON.stringify(job));
    assert.deepEqual(job.images.map((i) => `${i.repository}:${i.tag} ${i.status}`).sort(), [
      'svc/api:v1 scanned',
      'svc/web:v1 scanned',
    ]);
    for (const repo of ['svc/web', 'svc/api']) {
      const image = await imageWithFindings(repo, pushed[`token:${repo}:v1`]?.configDigest);
      assert.ok(image.source.includes('REGISTRY'), `${repo}: source ${image.source}`);
      assert.deepEqual(image.registryUuid, [registryUuid], repo);
    }
    // The registry only let the sensor in with tokens its issuer signed for the configured user.
    const granted =
      tokenReg.issuer?.requests.filter((r) => r.user === tokenReg.username && r.status === 200) ?? [];
    assert.ok(
      granted.some((r) => r.scopes.some((scope) => scope.includes('svc/web') && scope.includes('pull'))),
      JSON.stringify(tokenReg.issuer?.requests),
    );
  });
});
