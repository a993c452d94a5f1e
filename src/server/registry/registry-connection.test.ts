/**
 * ECR validation (mock AWS endpoint: AWS itself cannot run here; the registry is a real
 * htpasswd `docker-registry` with ECR's user name `AWS`): the server gets the registry
 * password through the AWS SDK's GetAuthorizationToken, signed with the stored access key,
 * then calls /v2/ with it. A key AWS refuses is "wrong credentials".
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { RegistryWithSecrets } from '../../db/repositories/registries-repository.js';
import { type RegistryInstance, startRegistryInstance } from '../../test-support/registry-instances.js';
import { checkConnection } from './registry-connection.js';

describe('ECR registry validation (mock AWS endpoint, real registry)', () => {
  let reg: RegistryInstance;
  let aws: Server;
  let endpoint = '';
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  const signedBy: string[] = [];
  before(async () => {
    reg = await startRegistryInstance({
      auth: 'htpasswd',
      users: [{ username: 'AWS', password: 'ecr-token-7' }],
    });
    aws = createServer((req, res) => {
      signedBy.push(req.headers.authorization ?? '');
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => aws.listen(0, '127.0.0.1', r));
    const a = aws.address();
    endpoint = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  after(async () => {
    await new Promise<void>((r) => aws.close(() => r()));
    await reg.stop();
  });

  const ecrRegistry = (): RegistryWithSecrets => ({
    uuid: 'r',
    uri: reg.url,
    type: 'AWS',
    credentialType: 'AWS',
    username: null,
    password: null,
    token: null,
    dockerHubOrgName: null,
    awsAccountId: '123456789012',
    awsArn: 'arn:aws:iam::123456789012:role/scanner',
    awsRegion: 'eu-west-1',
    awsAccessKeyId: 'AKIDEXAMPLE000000',
    awsSecretAccessKey: 'stored-secret',
  });

  it('gets the registry password from GetAuthorizationToken and opens /v2/ with it', async () => {
    answer = {
      status: 200,
      body: {
        authorizationData: [{ authorizationToken: Buffer.from('AWS:ecr-token-7').toString('base64') }],
      },
    };
    assert.deepEqual(await checkConnection(ecrRegistry(), { ecrEndpoint: endpoint }), { ok: true });
    assert.match(
      signedBy.at(-1) ?? '',
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE000000\/\d{8}\/eu-west-1\/ecr\//,
    );
    answer = {
      status: 200,
      body: {
        authorizationData: [{ authorizationToken: Buffer.from('AWS:stale-token').toString('base64') }],
      },
    };
    const stale = await checkConnection(ecrRegistry(), { ecrEndpoint: endpoint });
    assert.equal(stale.ok, false);
    assert.match(stale.ok ? '' : stale.message, /^wrong credentials: .*HTTP 401/);
  });

  it('an access key AWS refuses is "wrong credentials" naming AWS', async () => {
    answer = {
      status: 400,
      body: {
        __type: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
      },
    };
    const r = await checkConnection(ecrRegistry(), { ecrEndpoint: endpoint });
    assert.equal(r.ok, false);
    assert.match(
      r.ok ? '' : r.message,
      /^wrong credentials: AWS ECR GetAuthorizationToken .*UnrecognizedClient/,
    );
  });
});
