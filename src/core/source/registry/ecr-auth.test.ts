/**
 * ECR credentials against a MOCK of the AWS ECR API (a loopback server speaking its
 * awsJson1_1 protocol): the real service cannot be reached from tests. The request the AWS
 * SDK signs is checked for what ECR would check first (target, SigV4 scope); the token
 * this stand-in hands out opens a real registry in src/sensor/registry's job tests.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { isBulwarkError } from '../../errors.js';
import { ecrCredentials } from './ecr-auth.js';

interface Seen {
  target: string | undefined;
  authorization: string | undefined;
}

let server: Server;
let endpoint = '';
const seen: Seen[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };

describe('ECR GetAuthorizationToken (mock AWS endpoint)', () => {
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        seen.push({
          target: req.headers['x-amz-target'] as string | undefined,
          authorization: req.headers.authorization,
        });
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    endpoint = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('signs the call with the given key and decodes the AWS:<password> token', async () => {
    answer = {
      status: 200,
      body: {
        authorizationData: [
          {
            authorizationToken: Buffer.from('AWS:ecr-secret-token').toString('base64'),
            expiresAt: 1_900_000_000,
            proxyEndpoint: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com',
          },
        ],
      },
    };
    const creds = await ecrCredentials({
      region: 'eu-west-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'not-a-real-secret',
      endpoint,
    });
    assert.deepEqual(creds, {
      username: 'AWS',
      password: 'ecr-secret-token',
      expiresAt: 1_900_000_000_000,
      proxyEndpoint: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    });
    const last = seen.at(-1);
    assert.equal(last?.target, 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken');
    assert.match(
      last?.authorization ?? '',
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/ecr\/aws4_request/,
    );
  });

  it('a key AWS refuses → REGISTRY_AUTH naming the reason', async () => {
    answer = {
      status: 400,
      body: {
        __type: 'UnrecognizedClientException',
        message: 'The security token included in the request is invalid.',
      },
    };
    await assert.rejects(
      ecrCredentials({ region: 'eu-west-1', accessKeyId: 'AKIDBAD', secretAccessKey: 'x', endpoint }),
      (err) => isBulwarkError(err, 'REGISTRY_AUTH') && /UnrecognizedClientException/.test(err.message),
    );
  });

  it('an answer without a token → REGISTRY_BAD_RESPONSE; nothing listening → SOURCE_UNAVAILABLE', async () => {
    answer = { status: 200, body: { authorizationData: [] } };
    await assert.rejects(
      ecrCredentials({ region: 'eu-west-1', accessKeyId: 'A', secretAccessKey: 'x', endpoint }),
      (err) => isBulwarkError(err, 'REGISTRY_BAD_RESPONSE'),
    );
    await assert.rejects(
      ecrCredentials({
        region: 'eu-west-1',
        accessKeyId: 'A',
        secretAccessKey: 'x',
        endpoint: 'http://127.0.0.1:9',
      }),
      (err) => isBulwarkError(err, 'SOURCE_UNAVAILABLE'),
    );
  });

  it('a region or key that cannot be right is refused before any call', async () => {
    const before = seen.length;
    await assert.rejects(ecrCredentials({ region: 'mars', endpoint }), (err) =>
      isBulwarkError(err, 'INPUT_INVALID'),
    );
    await assert.rejects(ecrCredentials({ region: 'eu-west-1', accessKeyId: 'A', endpoint }), (err) =>
      isBulwarkError(err, 'INPUT_INVALID'),
    );
    assert.equal(seen.length, before);
  });
});
