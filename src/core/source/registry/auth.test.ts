import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type AuthChallenge, parseAuthChallenges, resolveCredentials } from './auth.js';

const challenges: [string, AuthChallenge[]][] = [
  ['Basic realm="bulwark"', [{ scheme: 'basic', params: { realm: 'bulwark' } }]],
  // Docker Hub's exact form.
  [
    'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
    [
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/alpine:pull',
        },
      },
    ],
  ],
  // Spaces, unquoted values, capitalised names, escaped quotes, a comma inside a quoted value.
  [
    'BEARER Realm = "http://127.0.0.1:1/t" , Service=svc, scope="repository:a/b:pull,push", error="say \\"hi\\""',
    [
      {
        scheme: 'bearer',
        params: {
          realm: 'http://127.0.0.1:1/t',
          service: 'svc',
          scope: 'repository:a/b:pull,push',
          error: 'say "hi"',
        },
      },
    ],
  ],
  // Two challenges in one header.
  [
    'Basic realm="r1", Bearer realm="https://a/token",service="s"',
    [
      { scheme: 'basic', params: { realm: 'r1' } },
      { scheme: 'bearer', params: { realm: 'https://a/token', service: 's' } },
    ],
  ],
  ['Negotiate', [{ scheme: 'negotiate', params: {} }]],
  ['Basic abc123==', [{ scheme: 'basic', params: {} }]],
  ['', []],
  ['Bearer realm="unterminated', [{ scheme: 'bearer', params: { realm: 'unterminated' } }]],
  ['=== ,,, "', []],
];

describe('parseAuthChallenges', () => {
  for (const [header, expected] of challenges) {
    it(`parses ${JSON.stringify(header).slice(0, 70)}`, () => {
      assert.deepEqual(parseAuthChallenges(header), expected);
    });
  }
});

describe('resolveCredentials', () => {
  let dir = '';
  let configPath = '';
  const b64 = (s: string): string => Buffer.from(s).toString('base64');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-auth-'));
    configPath = join(dir, 'config.json');
    await writeFile(
      configPath,
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth: b64('hubuser:hub:pw') },
          'registry.example:5000': { auth: b64('plain:pw1') },
          'https://secure.example/': { auth: b64('https:pw2') },
          'fields.example': { username: 'fielduser', password: 'pw3' },
          'empty.example': {},
        },
        credsStore: 'desktop',
      }),
    );
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const noEnv: NodeJS.ProcessEnv = {};
  const cases: [string, string, { username: string; password: string; origin: string } | undefined][] = [
    [
      'Docker Hub via the legacy index key; password keeps its colon',
      'docker.io',
      { username: 'hubuser', password: 'hub:pw', origin: 'docker config' },
    ],
    [
      'bare host:port key',
      'registry.example:5000',
      { username: 'plain', password: 'pw1', origin: 'docker config' },
    ],
    [
      'https:// key with trailing slash',
      'secure.example',
      { username: 'https', password: 'pw2', origin: 'docker config' },
    ],
    [
      'username/password fields',
      'fields.example',
      { username: 'fielduser', password: 'pw3', origin: 'docker config' },
    ],
    ['entry without credentials', 'empty.example', undefined],
    ['host not in the config', 'other.example', undefined],
  ];
  for (const [name, registry, expected] of cases) {
    it(`reads the docker config: ${name}`, () => {
      assert.deepEqual(resolveCredentials(registry, { dockerConfigPath: configPath }, noEnv), expected);
    });
  }

  it('prefers options, then BULWARK_REGISTRY_USERNAME/PASSWORD, then the docker config', () => {
    const env = { BULWARK_REGISTRY_USERNAME: 'envuser', BULWARK_REGISTRY_PASSWORD: 'envpw' };
    assert.deepEqual(
      resolveCredentials(
        'registry.example:5000',
        { username: 'o', password: 'p', dockerConfigPath: configPath },
        env,
      ),
      { username: 'o', password: 'p', origin: 'options' },
    );
    assert.deepEqual(resolveCredentials('registry.example:5000', { dockerConfigPath: configPath }, env), {
      username: 'envuser',
      password: 'envpw',
      origin: 'environment',
    });
  });

  it('finds the config through DOCKER_CONFIG and tolerates a missing or broken one', async () => {
    assert.deepEqual(resolveCredentials('fields.example', {}, { DOCKER_CONFIG: dir }), {
      username: 'fielduser',
      password: 'pw3',
      origin: 'docker config',
    });
    assert.equal(resolveCredentials('fields.example', {}, { DOCKER_CONFIG: join(dir, 'nope') }), undefined);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ not json');
    assert.equal(resolveCredentials('fields.example', { dockerConfigPath: broken }, noEnv), undefined);
  });
});
