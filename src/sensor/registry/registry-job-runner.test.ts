/**
 * Registry jobs run against a REAL `docker-registry` (htpasswd auth, a private instance from
 * src/test-support/registry-instances.ts) seen through a counting loopback proxy, so every
 * manifest and blob request can be counted. What the job reports is recorded in-process
 * here (the server side is covered end to end in test/e2e/registry-sensor.test.ts).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RegistryClientEvent } from '../../core/source/registry/registry-events.js';
import type { ImageResult, SensorRegistry } from '../../server/registry/registry-job-protocol.js';
import {
  pushTinyImage,
  type RegistryInstance,
  startRegistryInstance,
  type TinyImage,
} from '../../test-support/registry-instances.js';
import { type RegistryProxy, startRegistryProxy } from '../../test-support/registry-proxy.js';
import { fileLogger } from '../log/logger.js';
import { ecrPassword } from './ecr-password.js';
import type { JobReporter, RegistryJob, RegistrySbomUpload } from './registry-job-client.js';
import { type JobRunEnv, runRegistryJob } from './registry-job-runner.js';
import { ScannedDigests } from './scanned-digests.js';

const REGISTRY_UUID = '0b7f4e2a-5a38-4a4e-9d7c-1f2e3d4c5b6a';
const OS_RELEASE = 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n';
const dpkg = (...pkgs: string[]) =>
  pkgs
    .map((p) => `Package: ${p}\nStatus: install ok installed\nVersion: 1.0-1\nArchitecture: amd64\n`)
    .join('\n');

class RecordingReporter implements JobReporter {
  sboms: RegistrySbomUpload[] = [];
  results: ImageResult[] = [];
  completed: { state: string; error?: string }[] = [];
  async uploadSbom(body: RegistrySbomUpload) {
    this.sboms.push(body);
  }
  async progress(_id: string, results: ImageResult[]) {
    this.results.push(...results);
  }
  async complete(_id: string, report: { state: string; error?: string }) {
    this.completed.push(report);
  }
}

let reg: RegistryInstance;
let proxy: RegistryProxy;
let storage: string;
let alpha: TinyImage;
let beta: TinyImage;
const base: Record<string, string>[] = [
  { 'etc/os-release': OS_RELEASE },
  { 'var/lib/dpkg/status': dpkg('libc6', 'bash') },
];

function registry(extra: Partial<SensorRegistry> = {}): SensorRegistry {
  return {
    uuid: REGISTRY_UUID,
    uri: `http://${proxy.host}`,
    type: 'V2-Private',
    credentialType: 'BasicAuth',
    username: reg.username,
    password: reg.password,
    ...extra,
  };
}

function job(images: RegistryJob['images'], r = registry()): RegistryJob {
  return { id: '6f1c2b3a-0000-4000-8000-000000000001', scheduleUuid: 's', registry: r, images };
}

function env(reporter: JobReporter, extra: Partial<JobRunEnv> = {}): JobRunEnv {
  return {
    reporter,
    log: fileLogger({ dir: join(storage, 'logs'), level: 4, console: false }),
    cacheDir: join(storage, 'cache'),
    tempRoot: storage,
    scanned: new ScannedDigests(storage, 'analyzers-v1'),
    ...extra,
  };
}

/** Requests through the proxy since `from`, as `METHOD kind ref` (kind: manifests or blobs). */
function seen(from: number): string[] {
  return proxy.requests
    .slice(from)
    .filter((r) => r.status !== 401)
    .map((r) => {
      const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/?]+)$/.exec(r.path);
      return m ? `${r.method} ${m[1]} ${m[2]} ${m[3]}` : `${r.method} ${r.path}`;
    })
    .filter((line) => !line.endsWith(' /v2/'));
}

describe('registry jobs (real docker-registry, counted through a proxy)', () => {
  before(async () => {
    storage = await mkdtemp(join(tmpdir(), 'bulwark-regjob-'));
    reg = await startRegistryInstance({ auth: 'htpasswd' });
    proxy = await startRegistryProxy(reg.host);
    // Two repositories built on the same two base layers, each with one layer of its own.
    alpha = await pushTinyImage(reg, 'team/alpha', 'v1', [...base, { 'opt/alpha.txt': 'alpha' }]);
    beta = await pushTinyImage(reg, 'team/beta', 'v1', [...base, { 'opt/beta.txt': 'beta' }]);
  });
  after(async () => {
    await proxy?.close();
    await reg?.stop();
    await rm(storage, { recursive: true, force: true });
  });

  it('a second repository sharing base layers downloads only its new layer; HEAD comes before each pull', async () => {
    assert.deepEqual(alpha.layerDigests.slice(0, 2), beta.layerDigests.slice(0, 2), 'the base is shared');
    const reporter = new RecordingReporter();
    const from = proxy.requests.length;
    const outcome = await runRegistryJob(
      job([
        { repository: 'team/alpha', tag: 'v1' },
        { repository: 'team/beta', tag: 'v1' },
      ]),
      env(reporter),
    );
    assert.equal(outcome.state, 'Completed');
    const requests = seen(from);
    const blobsOf = (repo: string) =>
      requests.filter((l) => l.startsWith(`GET ${repo} blobs`)).map((l) => l.split(' ')[3]);
    assert.deepEqual(blobsOf('team/alpha').sort(), [alpha.configDigest, ...alpha.layerDigests].sort());
    assert.deepEqual(
      blobsOf('team/beta').sort(),
      [beta.configDigest, beta.layerDigests[2]].sort(),
      'beta: its config and its own layer only',
    );
    for (const [repo, image] of [
      ['team/alpha', alpha],
      ['team/beta', beta],
    ] as const) {
      const head = requests.indexOf(`HEAD ${repo} manifests v1`);
      const get = requests.indexOf(`GET ${repo} manifests ${image.manifestDigest}`);
      assert.ok(head >= 0 && get > head, `${repo}: HEAD by tag, then GET by digest:\n${requests.join('\n')}`);
      assert.ok(!requests.includes(`GET ${repo} manifests v1`), 'never a GET by tag');
    }
    assert.deepEqual(
      reporter.results.map((r) => [r.repository, r.tag, r.status, r.digest, r.imageId]),
      [
        ['team/alpha', 'v1', 'scanned', alpha.manifestDigest, alpha.configDigest],
        ['team/beta', 'v1', 'scanned', beta.manifestDigest, beta.configDigest],
      ],
    );
    assert.deepEqual(
      reporter.sboms.map((s) => [s.imageSha, s.registryUuid, s.repoTags]),
      [
        [alpha.configDigest, REGISTRY_UUID, [`${proxy.host}/team/alpha:v1`]],
        [beta.configDigest, REGISTRY_UUID, [`${proxy.host}/team/beta:v1`]],
      ],
    );
    const betaSbom = reporter.sboms[1]?.sbom as { components?: { name: string }[] } | undefined;
    const names = betaSbom?.components?.map((c) => c.name);
    assert.ok(
      names?.includes('bash') && names.includes('libc6'),
      `beta's SBOM lists the base's packages: ${names}`,
    );
    assert.deepEqual(reporter.completed, [{ state: 'Completed' }]);
  });

  it('the same tags again: HEAD only, nothing pulled, nothing uploaded (the digests are already on the server)', async () => {
    const reporter = new RecordingReporter();
    const from = proxy.requests.length;
    await runRegistryJob(
      job([
        { repository: 'team/alpha', tag: 'v1' },
        { repository: 'team/beta', tag: 'v1' },
      ]),
      env(reporter),
    );
    assert.deepEqual(seen(from), ['HEAD team/alpha manifests v1', 'HEAD team/beta manifests v1']);
    assert.equal(reporter.sboms.length, 0);
    assert.deepEqual(
      reporter.results.map((r) => [r.status, r.imageId]),
      [
        ['scanned', alpha.configDigest],
        ['scanned', beta.configDigest],
      ],
    );
  });

  it('a new tag of a digest already uploaded is uploaded under its tag, with nothing downloaded but the manifest', async () => {
    // The same manifest, tagged again (what `docker tag` + push does).
    const authorization = (await reg.authorization('team/alpha')) ?? '';
    const accept = 'application/vnd.oci.image.manifest.v1+json';
    const raw = await (
      await fetch(`${reg.url}/v2/team/alpha/manifests/v1`, { headers: { authorization, accept } })
    ).text();
    const put = await fetch(`${reg.url}/v2/team/alpha/manifests/latest`, {
      method: 'PUT',
      headers: { authorization, 'content-type': accept },
      body: raw,
    });
    assert.equal(put.status, 201);
    const reporter = new RecordingReporter();
    const from = proxy.requests.length;
    await runRegistryJob(job([{ repository: 'team/alpha', tag: 'latest' }]), env(reporter));
    assert.deepEqual(seen(from), [
      'HEAD team/alpha manifests latest',
      `GET team/alpha manifests ${alpha.manifestDigest}`,
    ]);
    assert.deepEqual(
      reporter.sboms.map((b) => [b.imageSha, b.repoTags]),
      [[alpha.configDigest, [`${proxy.host}/team/alpha:latest`]]],
    );
  });

  it('a job the sensor is told to stop is completed as Failed, saying so', async () => {
    const reporter = new RecordingReporter();
    const outcome = await runRegistryJob(
      job([{ repository: 'team/alpha', tag: 'v1' }]),
      env(reporter, { signal: AbortSignal.abort() }),
    );
    assert.equal(outcome.state, 'Failed');
    assert.deepEqual(reporter.completed, [{ state: 'Failed', error: 'the sensor is stopping' }]);
    assert.equal(reporter.results.length, 0);
  });

  it('without the layer cache the shared base is downloaded again (the control for the first test)', async () => {
    const reporter = new RecordingReporter();
    const from = proxy.requests.length;
    await runRegistryJob(
      job([{ repository: 'team/beta', tag: 'v1' }]),
      env(reporter, { cacheDir: false, scanned: undefined }),
    );
    const blobs = seen(from).filter((l) => l.startsWith('GET team/beta blobs'));
    assert.equal(blobs.length, 4, blobs.join('\n'));
  });

  it('a missing tag or repository fails that image only; the job completes', async () => {
    const reporter = new RecordingReporter();
    const outcome = await runRegistryJob(
      job([
        { repository: 'team/alpha', tag: 'gone' },
        { repository: 'team/nothing-here', tag: 'v1' },
        { repository: 'team/alpha', digest: alpha.manifestDigest },
      ]),
      env(reporter, { scanned: undefined }),
    );
    assert.equal(outcome.state, 'Completed');
    assert.deepEqual(
      reporter.results.map((r) => r.status),
      ['failed', 'failed', 'scanned'],
    );
    assert.match(reporter.results[0]?.error ?? '', /no manifest team\/alpha:gone/);
    assert.match(reporter.results[1]?.error ?? '', /team\/nothing-here/);
    assert.equal(reporter.results[2]?.imageId, alpha.configDigest);
  });

  it("wrong credentials: every image fails, and the job is Failed with the registry's reason", async () => {
    const reporter = new RecordingReporter();
    const outcome = await runRegistryJob(
      job([{ repository: 'team/alpha', tag: 'v1' }], registry({ password: 'wrong' })),
      env(reporter, { scanned: undefined }),
    );
    assert.equal(outcome.state, 'Failed');
    assert.match(reporter.completed[0]?.error ?? '', /refused the credentials/);
  });

  it('an unreachable registry or a job with a malformed registry fails the job with the reason', async () => {
    const reporter = new RecordingReporter();
    await runRegistryJob(
      job([{ repository: 'team/alpha', tag: 'v1' }], registry({ uri: 'http://127.0.0.1:9' })),
      env(reporter, { scanned: undefined }),
    );
    await runRegistryJob(
      job([{ repository: 'team/alpha', tag: 'v1' }], registry({ credentialType: 'Kerberos' })),
      env(reporter),
    );
    assert.deepEqual(
      reporter.completed.map((c) => c.state),
      ['Failed', 'Failed'],
    );
    assert.match(reporter.completed[0]?.error ?? '', /cannot reach http:\/\/127\.0\.0\.1:9/);
    assert.match(reporter.completed[1]?.error ?? '', /unknown credential type "Kerberos"/);
  });
});

describe('an AWS registry job (mock AWS ECR endpoint, real docker-registry)', () => {
  let ecr: Server;
  let ecrEndpoint = '';
  let awsReg: RegistryInstance;
  let image: TinyImage;
  before(async () => {
    // ECR's answer: Basic credentials AWS:<token>; the registry accepts exactly those.
    ecr = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({
          authorizationData: [{ authorizationToken: Buffer.from('AWS:ecr-token-42').toString('base64') }],
        }),
      );
    });
    await new Promise<void>((r) => ecr.listen(0, '127.0.0.1', r));
    const a = ecr.address();
    ecrEndpoint = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    awsReg = await startRegistryInstance({
      auth: 'htpasswd',
      users: [{ username: 'AWS', password: 'ecr-token-42' }],
    });
    image = await pushTinyImage(awsReg, 'prod/api', '1.0', base);
  });
  after(async () => {
    await awsReg?.stop();
    await new Promise<void>((r) => ecr.close(() => r()));
  });

  it('gets the password from GetAuthorizationToken and scans with it', async () => {
    const reporter = new RecordingReporter();
    const outcome = await runRegistryJob(
      job([{ repository: 'prod/api', tag: '1.0' }], {
        uuid: REGISTRY_UUID,
        uri: `http://${awsReg.host}`,
        type: 'AWS',
        credentialType: 'AWS',
        awsRegion: 'eu-west-1',
        awsAccessKeyId: 'AKIDEXAMPLE',
        awsSecretAccessKey: 'not-a-real-secret',
      }),
      env(reporter, { scanned: undefined, ecrPassword: (r) => ecrPassword(r, ecrEndpoint) }),
    );
    assert.equal(outcome.state, 'Completed', outcome.error);
    assert.deepEqual(
      reporter.results.map((r) => [r.status, r.imageId]),
      [['scanned', image.configDigest]],
    );
  });
});

describe('a job on a slow, throttling token-auth registry (real docker-registry and token issuer)', () => {
  let tokenReg: RegistryInstance;
  let front: RegistryProxy;
  before(async () => {
    // Tokens live 2 s; the proxy holds each manifest GET 0.8 s, so the job outlives its first token.
    tokenReg = await startRegistryInstance({ auth: 'token', tokenTtlSeconds: 2 });
    for (const tag of ['v1', 'v2', 'v3'])
      await pushTinyImage(tokenReg, 'team/app', tag, [...base, { 'opt/t': tag }]);
    front = await startRegistryProxy(tokenReg.host);
  });
  after(async () => {
    await front?.close();
    await tokenReg?.stop();
  });

  it('waits out a 429, renews the token mid-job, and never sends the registry a stale token', async () => {
    front.slow((m, p) => m === 'GET' && p.includes('/manifests/sha256:'), 800);
    front.throttle({ match: (m, p) => m === 'GET' && p.includes('/blobs/'), times: 1, retryAfter: '1' });
    const events: RegistryClientEvent[] = [];
    const reporter = new RecordingReporter();
    const outcome = await runRegistryJob(
      job(
        ['v1', 'v2', 'v3'].map((tag) => ({ repository: 'team/app', tag })),
        {
          ...registry(),
          uri: `http://${front.host}`,
          username: tokenReg.username,
          password: tokenReg.password,
        },
      ),
      env(reporter, { scanned: undefined, onRegistryEvent: (e) => events.push(e) }),
    );
    assert.equal(outcome.state, 'Completed', outcome.error);
    assert.deepEqual(
      reporter.results.map((r) => r.status),
      ['scanned', 'scanned', 'scanned'],
    );
    const rateLimited = events.flatMap((e) => (e.kind === 'rate-limited' ? [e.waitMs] : []));
    assert.deepEqual(rateLimited, [1000]);
    const tokens = events.flatMap((e) => (e.kind === 'token' ? [e.reason] : []));
    assert.equal(tokens[0], 'initial');
    assert.ok(tokens.includes('expiring'), `renewed mid-job: ${tokens.join(', ')}`);
    assert.ok(!tokens.includes('rejected'), 'renewed before the registry refused anything');
    // One 401: the very first, anonymous request that learnt the challenge; the job shares it.
    assert.equal(front.requests.filter((r) => r.status === 401).length, 1);
  });
});
