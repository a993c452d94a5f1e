/**
 * Registry scanning through the API against REAL `docker-registry` instances (one with
 * htpasswd auth, one with token auth whose tokens a small issuer in this test signs):
 * validation that really connects, catalog and tag listing with pagination, an on-demand
 * job over two repositories and one specific tag run by a registry sensor through the job
 * protocol (findings land per image with source REGISTRY and the registry's uuid), an
 * automatic schedule fired by the job system under a pinned clock with a tag filter and
 * "pushed in the last N days", and bad input: wrong credentials, an unreachable registry,
 * a repository that does not exist, invalid schedule times — each a clear error, the job
 * Failed with its reason, nothing else touched.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { encodeSbom } from '../../core/sbom/format/sbom-formats.js';
import { generateSbom } from '../../core/scan/generate-sbom.js';
import { run } from '../../test-support/components.js';
import {
  freeLoopbackPort,
  pushTinyImage,
  type RegistryInstance,
  startRegistryInstance,
} from '../../test-support/registry-instances.js';
import { DIALECTS } from '../../test-support/test-databases.js';
import { testSecretBox } from '../../test-support/test-secrets.js';
import { activateTestSensor } from '../../test-support/test-sensor.js';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';
import { type JobContext, runJob } from '../jobs/job-handlers.js';
import { InProcessJobQueue } from '../jobs/job-queue.js';
import { AdvisorySource } from '../matching/advisory-source.js';
import type { ClaimedJob } from './registry-job-protocol.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const OS_RELEASE = 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n';
const DPKG =
  'Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nArchitecture: amd64\n\n';
const OLD = '2020-01-01T00:00:00Z';

let basic: RegistryInstance;
let token: RegistryInstance;
before(async () => {
  [basic, token] = await Promise.all([
    startRegistryInstance({ auth: 'htpasswd' }),
    startRegistryInstance({ auth: 'token' }),
  ]);
  const base = { 'etc/os-release': OS_RELEASE, 'var/lib/dpkg/status': DPKG };
  await pushTinyImage(basic, 'team/app', 'v1', [base, { 'opt/app': '1' }]);
  await pushTinyImage(basic, 'team/app', 'v2', [base, { 'opt/app': '2' }]);
  await pushTinyImage(basic, 'team/app', 'old', [base, { 'opt/app': '0' }], OLD);
  await pushTinyImage(basic, 'team/api', '1.0', [base, { 'opt/api': '1' }]);
  await pushTinyImage(basic, 'lib/base', 'latest', [base]);
  await pushTinyImage(basic, 'lib/base', 'rc', [base, { 'opt/rc': 'x' }]);
  for (const n of ['a', 'b', 'c']) await pushTinyImage(basic, `more/${n}`, 'latest', [{ [`opt/${n}`]: n }]);
  await pushTinyImage(token, 'acme/web', '1', [base, { 'opt/web': '1' }]);
  await pushTinyImage(token, 'acme/web', '2', [base, { 'opt/web': '2' }]);
  await pushTinyImage(token, 'acme/web', '3', [base, { 'opt/web': '3' }], OLD);
  await pushTinyImage(token, 'acme/web', 'dev', [base, { 'opt/web': 'dev' }]);
});
after(async () => {
  await Promise.all([basic?.stop(), token?.stop()]);
});

for (const dialect of DIALECTS)
  describe(`registry scanning against real registries (${dialect})`, () => {
    let s: TestServer;
    before(async () => {
      s = await startTestServer(dialect);
    });
    after(async () => {
      await s?.close();
    });

    const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
      s.app.inject({
        method,
        url: `/csapi/v1.1${url}`,
        headers: { authorization: s.auth.a },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    const basicBody = (password = basic.password, uri = basic.url) => ({
      registryUri: uri,
      registryType: 'V2-Private',
      credentialType: 'BasicAuth',
      username: b64(basic.username),
      password: b64(password),
    });
    const tokenBody = (password = token.password) => ({
      registryUri: token.url,
      registryType: 'V2-Private',
      credentialType: 'BasicAuth',
      username: b64(token.username),
      password: b64(password),
    });
    async function create(body: object): Promise<string> {
      const r = await api('POST', '/registry', body);
      assert.equal(r.statusCode, 200, r.body);
      return r.json().registryUuid;
    }
    async function jobsOf(registry: string, schedule: string) {
      const r = await api('GET', `/registry/${registry}/schedule/${schedule}/jobs`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as {
        jobUuid: string;
        state: string;
        error: string | null;
        imagesTotal: number | null;
        images: { repository: string; tag: string | null; status: string; error: string | null }[];
      }[];
    }

    it('validate really connects: Basic, bearer token flow, pre-issued token; wrong ones and unreachable say so', async () => {
      const validate = async (body: object) => (await api('POST', '/registry/validate', body)).json();
      assert.deepEqual(await validate(basicBody()), { valid: true, errors: [] });
      assert.deepEqual(await validate(tokenBody()), { valid: true, errors: [] });
      const minted = token.issuer?.mint([{ type: 'registry', name: 'catalog', actions: ['*'] }]) ?? '';
      const tokenCred = { registryUri: token.url, registryType: 'V2', credentialType: 'Token' };
      assert.deepEqual(await validate({ ...tokenCred, token: minted }), { valid: true, errors: [] });
      const forged = await validate({ ...tokenCred, token: `${minted.slice(0, -6)}AAAAAA` });
      assert.equal(forged.valid, false);
      assert.match(forged.errors[0], /^wrong credentials: .*HTTP 401/);
      const wrongBasic = await validate(basicBody('nope'));
      assert.match(wrongBasic.errors[0], /^wrong credentials: /);
      assert.equal(wrongBasic.code, 'REGISTRY_AUTH');
      const wrongToken = await validate(tokenBody('nope'));
      assert.match(wrongToken.errors[0], /^wrong credentials: .*refused/, 'the issuer refused the password');
      const anonymous = await validate({
        registryUri: basic.url,
        registryType: 'V2',
        credentialType: 'None',
      });
      assert.match(anonymous.errors[0], /^wrong credentials: .*requires credentials/);
      const port = await freeLoopbackPort();
      const down = await validate(basicBody(basic.password, `http://127.0.0.1:${port}`));
      assert.match(down.errors[0], /^registry unreachable: .*ECONNREFUSED/);
      // A registry behind TLS the server cannot verify (self-signed): the answer says TLS.
      // (The IPv4-mapped address makes the client use https: plain loopback hosts are http.)
      const dir = await mkdtemp(join(tmpdir(), 'bulwark-tls-'));
      await run('openssl', [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=registry.test',
      ]);
      const server = createHttpsServer(
        { key: await readFile(join(dir, 'k.pem')), cert: await readFile(join(dir, 'c.pem')) },
        (_q, r) => r.end('{}'),
      );
      const tlsPort = await new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => {
          const a = server.address();
          resolve(typeof a === 'object' && a ? a.port : 0);
        }),
      );
      try {
        const tls = await validate(basicBody(basic.password, `https://[::ffff:127.0.0.1]:${tlsPort}`));
        assert.equal(tls.valid, false);
        assert.match(tls.errors[0], /^TLS error talking to https:.*self-signed certificate/);
      } finally {
        server.close();
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('lists the catalog and tags page by page (Link / n / last) and stores full repository paths', async () => {
      const id = await create(basicBody());
      const { registryClients } = await import('./registry-connection.js');
      const { listCatalog, listTags } = await import('./registry-catalog.js');
      const { registryWithSecrets } = await import('../../db/repositories/registries-repository.js');
      const { TenantScope } = await import('../../db/tenant.js');
      const reg = await registryWithSecrets(new TenantScope(s.db.db, s.customers.a), id, testSecretBox);
      assert.ok(reg);
      const client = await registryClients(reg);
      const before = (await basic.requests()).length;
      const names = await listCatalog(client('x'), 2);
      assert.deepEqual(names, ['lib/base', 'more/a', 'more/b', 'more/c', 'team/api', 'team/app']);
      assert.deepEqual(await listTags(client('team/app'), 'team/app', 2), ['old', 'v1', 'v2']);
      const pages = (await basic.requests()).slice(before).filter((r) => r.status === 200);
      assert.ok(pages.filter((r) => r.uri.startsWith('/v2/_catalog')).length >= 3, 'three catalog pages');
      assert.ok(
        pages.some((r) => /_catalog\?.*last=/.test(r.uri)),
        'followed Link with last=',
      );
      // distribution 2.8 answers tags/list in one page whatever `n` says; the same paginate()
      // follows its Link when a registry sends one (nextLink: registry-catalog.test.ts).

      const synced = await api('POST', `/registry/${id}/repository/sync`);
      assert.equal(synced.statusCode, 200, synced.body);
      const repos = synced.json() as { repoName: string; tagsCount: number }[];
      assert.deepEqual(
        repos.map((r) => `${r.repoName}=${r.tagsCount}`),
        ['lib/base=2', 'more/a=1', 'more/b=1', 'more/c=1', 'team/api=1', 'team/app=3'],
      );
      const tags = await api('GET', `/registry/${id}/repository/tags?repo=team/app`);
      assert.deepEqual(tags.json(), { repoName: 'team/app', tags: ['old', 'v1', 'v2'] });
    });

    it('on demand over two repositories and one specific tag: a registry sensor runs it; findings per image carry REGISTRY and the registry uuid', async () => {
      const id = await create(basicBody());
      const sched = await api('POST', `/registry/${id}/schedule`, {
        name: 'now',
        scheduleType: 'ON_DEMAND',
        filters: [{ repo: 'team/app' }, { repo: 'team/api' }, { repo: 'lib/base', tag: 'rc' }],
        tagFilter: 'v*',
      });
      assert.equal(sched.statusCode, 200, sched.body);
      const { scheduleUuid, jobUuid } = sched.json();
      await s.app.background.drain();
      const sensor = await activateTestSensor(s, 'a', { mode: 'registry' });
      const claim = await sensor.post('/registry-jobs/claim', {});
      assert.equal(claim.statusCode, 200, claim.body);
      const { job } = claim.json() as ClaimedJob;
      assert.equal(job.id, jobUuid);
      // The glob keeps v1 and v2 of team/app, drops `old` and team/api's `1.0`; the named tag stays.
      assert.deepEqual(job.images.map((i) => `${i.repository}:${i.tag}`).sort(), [
        'lib/base:rc',
        'team/app:v1',
        'team/app:v2',
      ]);
      assert.equal(job.registry.password, basic.password);

      const results = [];
      for (const image of job.images) {
        const sbom = await generateSbom(`registry:${basic.host}/${image.repository}:${image.tag}`, {
          cacheDir: false,
          registry: { username: job.registry.username ?? '', password: job.registry.password ?? '' },
        });
        const up = await sensor.post('/sbom', {
          schemaVersion: 1,
          assetType: 'IMAGE',
          imageSha: sbom.image.imageId,
          repoTags: [`${basic.host}/${image.repository}:${image.tag}`],
          registryUuid: job.registry.uuid,
          sbom: JSON.parse(encodeSbom('cyclonedx', sbom)),
        });
        assert.equal(up.statusCode, 200, up.body);
        results.push({ ...image, imageId: sbom.image.imageId, status: 'scanned' as const });
      }
      // An image the sensor had uploaded already comes back as a result only: the server links the tag.
      const alias = {
        repository: 'team/app',
        tag: 'v1-alias',
        imageId: results[0]?.imageId,
        status: 'scanned',
      };
      const progress = await sensor.post(`/registry-jobs/${job.id}/progress`, {
        results: [...results, alias],
      });
      assert.equal(progress.statusCode, 200, progress.body);
      const aliased = await api('GET', `/images?filter=${encodeURIComponent('repo.tag:v1-alias')}`);
      assert.equal(aliased.statusCode, 200, aliased.body);
      assert.equal(aliased.json().count, 1);
      assert.deepEqual(aliased.json().data[0].registryUuid, [id]);
      assert.equal(
        (await sensor.post(`/registry-jobs/${job.id}/complete`, { state: 'Completed' })).statusCode,
        200,
      );

      const [done] = await jobsOf(id, scheduleUuid);
      assert.equal(done?.state, 'Completed');
      assert.equal(done?.imagesTotal, 3);
      assert.ok(done?.images.every((i) => i.status === 'scanned'));
      const images = await api('GET', `/images?filter=${encodeURIComponent(`registryUuid:${id}`)}`);
      assert.equal(images.statusCode, 200, images.body);
      const listed = images.json().data as { source: string[]; registryUuid: string[] | null }[];
      assert.equal(listed.length, 3, 'one image per scanned tag, found by the registry uuid');
      for (const img of listed) {
        assert.ok(img.source.includes('REGISTRY'));
        assert.deepEqual(img.registryUuid, [id]);
      }
      // The per-registry count reads images seen through it with an open finding (matching
      // itself is tested in src/server/matching; here one image is given a severity).
      const details = async () => (await api('GET', `/registry/${id}`)).json();
      assert.equal((await details()).vulnerableImagesCount, 0);
      const sha = (results[0]?.imageId ?? '').replace(/^sha256:/, '');
      await s.db.db.updateTable('images').set({ max_severity: 4 }).where('sha', '=', sha).execute();
      assert.equal((await details()).vulnerableImagesCount, 1);
      // An image the server could not check is counted apart: "0 vulnerable" alone would read clean.
      await s.db.db.updateTable('images').set({ scan_error: null }).where('sha', '=', sha).execute();
      const uncheckedBefore = (await details()).uncheckedImagesCount;
      await s.db.db
        .updateTable('images')
        .set({ scan_error: 'not checked: test' })
        .where('sha', '=', sha)
        .execute();
      assert.equal((await details()).uncheckedImagesCount, uncheckedBefore + 1);
    });

    it('an automatic schedule fires from the job system at HH:MM in its time zone, with a regex tag filter and pushed-within-days', async () => {
      const id = await create(tokenBody());
      const sched = await api('POST', `/registry/${id}/schedule`, {
        name: 'nightly',
        scheduleType: 'DAILY',
        timeOfDay: '03:00',
        timeZone: 'Asia/Tokyo',
        filters: [{ repo: 'acme/web' }],
        tagFilter: '[0-9]+',
        tagFilterType: 'regex',
        pushedWithinDays: 30,
      });
      assert.equal(sched.statusCode, 200, sched.body);
      const { scheduleUuid } = sched.json();
      const listed = (await api('GET', `/registry/${id}/schedule`)).json()[0];
      const nextRun = Number(listed.nextRun);
      // 03:00 in Tokyo is 18:00 UTC the day before.
      assert.equal(new Date(nextRun).getUTCHours(), 18);
      assert.equal(listed.timeZone, 'Asia/Tokyo');

      let clock = nextRun - 60_000;
      const ctx: JobContext = {
        db: s.db.db,
        advisories: new AdvisorySource('/nonexistent/vuln.db'),
        now: () => clock,
        runner: 'test',
        secrets: testSecretBox,
      };
      const errors: unknown[] = [];
      const queue = new InProcessJobQueue(ctx, {}, (_n, err) => errors.push(err));
      await queue.enqueue('registry-schedules');
      assert.deepEqual(await jobsOf(id, scheduleUuid), [], 'not yet 03:00 in Tokyo');
      clock = nextRun + 30_000;
      await queue.enqueue('registry-schedules');
      await queue.enqueue('registry-schedules');
      assert.deepEqual(errors, []);
      const jobs = await jobsOf(id, scheduleUuid);
      assert.equal(jobs.length, 1, 'fired once for the day, however often the job ran');
      const after = (await api('GET', `/registry/${id}/schedule`)).json()[0];
      assert.equal(Number(after.nextRun), nextRun + 86_400_000);
      assert.equal(after.status, 'QUEUED');
      const sensor = await activateTestSensor(s, 'a', { mode: 'registry' });
      const { job } = (await sensor.post('/registry-jobs/claim', {})).json() as ClaimedJob;
      // `dev` fails the regex; `3` was built in 2020, outside the last 30 days.
      assert.deepEqual(job.images.map((i) => i.tag).sort(), ['1', '2']);
      assert.equal(
        (await sensor.post(`/registry-jobs/${job.id}/complete`, { state: 'Completed' })).statusCode,
        200,
      );
      // A day later, through the plain job runner.
      clock = nextRun + 86_400_000 + 1000;
      await runJob('registry-schedules', ctx);
      assert.equal((await jobsOf(id, scheduleUuid)).length, 2);
    });

    it('bad input: clear API errors, failed jobs with the reason, nothing else touched', async () => {
      const good = await create(basicBody());
      const goodSched = await api('POST', `/registry/${good}/schedule`, {
        name: 'bystander',
        scheduleType: 'ON_DEMAND',
        filters: [{ repo: 'lib/base', tag: 'latest' }],
      });
      const wrong = await create(basicBody('wrong-password'));
      const down = await create(basicBody(basic.password, `http://127.0.0.1:${await freeLoopbackPort()}`));
      const run = async (registry: string, filters: object[]) => {
        const r = await api('POST', `/registry/${registry}/schedule`, {
          name: 'x',
          scheduleType: 'ON_DEMAND',
          filters,
        });
        assert.equal(r.statusCode, 200, r.body);
        await s.app.background.drain();
        return (await jobsOf(registry, r.json().scheduleUuid))[0];
      };
      const denied = await run(wrong, [{ repo: 'team/app' }]);
      assert.equal(denied?.state, 'Failed');
      assert.match(denied?.error ?? '', /^wrong credentials: .*HTTP 401/);
      const unreachable = await run(down, [{ repo: 'team/app' }]);
      assert.equal(unreachable?.state, 'Failed');
      assert.match(unreachable?.error ?? '', /^registry unreachable: /);
      const missing = await run(good, [{ repo: 'team' }]);
      assert.equal(missing?.state, 'Failed');
      assert.match(
        missing?.error ?? '',
        /repository "team" does not exist .*full repository paths, e\.g\. team\/api, team\/app/,
      );
      assert.equal(missing?.images[0]?.status, 'failed');
      const partly = await run(good, [
        { repo: 'team/api', tag: '1.0' },
        { repo: 'team/app', tag: 'v9' },
      ]);
      assert.equal(partly?.state, 'Queued', 'what exists is still scanned');
      assert.equal(partly?.imagesTotal, 1);
      assert.match(partly?.images[0]?.error ?? '', /tag "v9" does not exist in team\/app/);

      const invalid = async (body: object, pattern: RegExp) => {
        const r = await api('POST', `/registry/${good}/schedule`, { name: 'bad', ...body });
        assert.equal(r.statusCode, 400, r.body);
        assert.match(r.json().message, pattern);
      };
      await invalid({ scheduleType: 'DAILY', timeOfDay: '25:00' }, /invalid timeOfDay "25:00"/);
      await invalid({ scheduleType: 'DAILY', timeOfDay: '7pm' }, /invalid timeOfDay/);
      await invalid(
        { scheduleType: 'DAILY', timeOfDay: '07:00', timeZone: 'Mars/Olympus' },
        /not an IANA time zone/,
      );
      await invalid({ scheduleType: 'DAILY' }, /needs timeOfDay/);
      await invalid(
        { scheduleType: 'DAILY', timeOfDay: '07:00', filters: [{ repo: 'team/app', tag: 'v1' }] },
        /whole repositories/,
      );
      await invalid(
        { scheduleType: 'ON_DEMAND', filters: [{ repo: `${basic.host}/team/app` }] },
        /full repository path|registry host/,
      );
      await invalid(
        { scheduleType: 'ON_DEMAND', tagFilter: '(', tagFilterType: 'regex' },
        /invalid tagFilter regex/,
      );

      // The bystander's job is untouched and still runs.
      const [bystander] = await jobsOf(good, goodSched.json().scheduleUuid);
      assert.equal(bystander?.state, 'Queued');
      assert.equal(bystander?.imagesTotal, 1);
      assert.equal(bystander?.error, null);
    });
  });
