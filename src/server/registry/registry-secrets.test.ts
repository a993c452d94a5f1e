/**
 * Registry secrets at rest and in transit, both dialects: the raw database row holds no
 * password, token or AWS secret (plain or base64), no API answer carries them, and the
 * server's log — captured at trace level while registries are created, updated, listed,
 * validated against a real registry with wrong credentials, and sent bodies that fail
 * validation — contains none of them. The sensor claiming a job is the only reader.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { type RegistryInstance, startRegistryInstance } from '../../test-support/registry-instances.js';
import { DIALECTS } from '../../test-support/test-databases.js';
import { testSecretBox } from '../../test-support/test-secrets.js';
import { startTestServer, type TestServer } from '../../test-support/test-server.js';
import { buildApp } from '../app.js';
import { SecretBox } from './secret-box.js';

const PASSWORD = 'Pa55-word-that-must-not-leak';
const TOKEN = 'tok-that-must-not-leak-0123456789';
const AWS_SECRET = 'aws/secret+that-must-not-leak';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const SECRETS = [PASSWORD, b64(PASSWORD), TOKEN, AWS_SECRET];

function leaks(text: string): string[] {
  return SECRETS.filter((s) => text.includes(s));
}

for (const dialect of DIALECTS) {
  describe(`registry secrets (${dialect})`, () => {
    let s: TestServer;
    let logged = '';
    let app: Awaited<ReturnType<typeof buildApp>>;
    let reg: RegistryInstance;
    before(async () => {
      [s, reg] = await Promise.all([startTestServer(dialect), startRegistryInstance({ auth: 'htpasswd' })]);
      const stream = new Writable({
        write(chunk, _enc, done) {
          logged += String(chunk);
          done();
        },
      });
      app = await buildApp({
        db: s.db.db,
        dialect,
        secrets: testSecretBox,
        logger: { level: 'trace', stream },
      });
      await app.ready();
    });
    after(async () => {
      await app?.close();
      await s?.close();
      await reg?.stop();
    });
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
      app.inject({
        method,
        url: `/csapi/v1.1${url}`,
        headers: { authorization: s.auth.a },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });

    it('stores sealed values, answers without them, and logs none of them', async () => {
      const basic = await call('POST', '/registry', {
        registryUri: reg.url,
        registryType: 'V2-Private',
        credentialType: 'BasicAuth',
        username: b64('bulwark'),
        password: b64(PASSWORD),
      });
      assert.equal(basic.statusCode, 200, basic.body);
      const token = await call('POST', '/registry', {
        registryUri: 'https://registry.example.com',
        registryType: 'V2',
        credentialType: 'Token',
        token: TOKEN,
      });
      const aws = await call('POST', '/registry', {
        registryUri: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com',
        registryType: 'AWS',
        credentialType: 'AWS',
        aws: {
          accountId: '123456789012',
          arn: 'arn:aws:iam::123456789012:role/scanner',
          region: 'eu-west-1',
          accessKeyId: 'AKIAEXAMPLEKEY12345',
          secretAccessKey: AWS_SECRET,
        },
      });
      assert.equal(aws.statusCode, 200, aws.body);
      const ids = [basic, token, aws].map((r) => r.json().registryUuid as string);

      const rows = await s.db.db.selectFrom('registries').selectAll().where('id', 'in', ids).execute();
      assert.equal(rows.length, 3);
      assert.deepEqual(leaks(JSON.stringify(rows)), [], 'no plaintext or base64 secret in the rows');
      const sealed = [rows.find((r) => r.id === ids[0])?.password, rows.find((r) => r.id === ids[1])?.token];
      for (const v of sealed) assert.match(v ?? '', /^gcm1:/);
      assert.ok(!JSON.stringify(rows).includes('AKIAEXAMPLEKEY12345'), 'the AWS key id is sealed too');

      // A PUT without the password keeps the stored one (the API never hands it back).
      const put = await call('PUT', `/registry/${ids[0]}`, {
        registryUri: reg.url,
        registryType: 'V2-Private',
        credentialType: 'BasicAuth',
        username: b64('bulwark'),
      });
      assert.equal(put.statusCode, 200, put.body);
      const list = await call('GET', '/registry');
      const details = await Promise.all(ids.map((id) => call('GET', `/registry/${id}`)));
      for (const r of [list, ...details]) {
        assert.equal(r.statusCode, 200);
        assert.deepEqual(leaks(r.body), [], `no secret in ${r.body.slice(0, 80)}`);
      }
      // Wrong credentials against the real registry: a clear error, no secret in it or the log.
      const wrong = await call('POST', '/registry/validate', {
        registryUri: reg.url,
        registryType: 'V2-Private',
        credentialType: 'BasicAuth',
        username: b64('bulwark'),
        password: b64(PASSWORD),
      });
      assert.equal(wrong.json().valid, false);
      assert.match(wrong.json().errors[0], /^wrong credentials: /);
      assert.deepEqual(leaks(wrong.body), []);
      // A body the schema refuses still carries the secret in; the log must not.
      const refused = await call('POST', '/registry', {
        registryUri: reg.url,
        registryType: 'V2-Private',
        credentialType: 'BasicAuth',
        password: b64(PASSWORD),
        token: TOKEN,
        surprise: true,
      });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(leaks(refused.body), []);
      // Whatever hands the logger a registry configuration gets the secrets censored.
      app.log.info(
        { body: { password: PASSWORD, token: TOKEN, aws: { secretAccessKey: AWS_SECRET } } },
        'probe',
      );
      assert.ok(logged.includes('probe') && logged.includes('[redacted]'), 'the log was captured');
      assert.ok(logged.includes('/csapi/v1.1/registry'), 'requests were logged');
      assert.deepEqual(leaks(logged), []);
      assert.ok(!logged.includes(s.auth.a.slice(6)), 'no Authorization header in the log');
    });

    it('the stored password still opens the registry (validation through the sealed row)', async () => {
      const r = await call('POST', '/registry/validate', {
        registryUri: reg.url,
        registryType: 'V2-Private',
        credentialType: 'BasicAuth',
        username: b64(reg.username),
        password: b64(reg.password),
      });
      assert.deepEqual(r.json(), { valid: true, errors: [] });
    });

    it('a server without a secret key (PostgreSQL, no BULWARK_SECRET_KEY) refuses to store a secret, not the rest', async () => {
      const keyless = await buildApp({ db: s.db.db, dialect, secrets: SecretBox.fromSource({ env: {} }) });
      try {
        const post = (body: object) =>
          keyless.inject({
            method: 'POST',
            url: '/csapi/v1.1/registry',
            headers: { authorization: s.auth.a },
            payload: body,
          });
        const refused = await post({
          ...{ registryUri: reg.url, registryType: 'V2-Private', credentialType: 'BasicAuth' },
          username: b64('u'),
          password: b64(PASSWORD),
        });
        assert.equal(refused.statusCode, 503);
        assert.equal(refused.json().code, 'SECRET_KEY_MISSING');
        const open = await post({ registryUri: reg.url, registryType: 'V2', credentialType: 'None' });
        assert.equal(open.statusCode, 200, open.body);
      } finally {
        await keyless.close();
      }
    });
  });
}
