import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBulwarkError } from '../../core/errors.js';
import type { SensorRegistry } from '../../server/registry/registry-job-protocol.js';
import { readClaim } from './registry-job-client.js';
import { registryTarget } from './registry-target.js';

const reg = (extra: Partial<SensorRegistry>): SensorRegistry => ({
  uuid: 'r1',
  uri: 'https://registry.example.com:5000',
  type: 'V2-Private',
  credentialType: 'None',
  ...extra,
});

describe('registry targets from the job', () => {
  it('takes the host from the URI, plain HTTP only when the URI says so, and never ambient credentials', async () => {
    const cases: [Partial<SensorRegistry>, string, boolean][] = [
      [{}, 'registry.example.com:5000', false],
      [{ uri: 'http://10.0.0.5:5000' }, '10.0.0.5:5000', true],
      [{ uri: 'registry.example.com' }, 'registry.example.com', false],
      [{ uri: 'https://index.docker.io/', type: 'DockerHub' }, 'docker.io', false],
      [{ uri: 'https://registry-1.docker.io', type: 'DockerHub' }, 'docker.io', false],
    ];
    for (const [extra, host, insecure] of cases) {
      const t = await registryTarget(reg(extra));
      assert.equal(t.host, host, JSON.stringify(extra));
      assert.equal(t.options.insecure === true, insecure, JSON.stringify(extra));
      assert.equal(t.options.ambientCredentials, false);
    }
  });

  it('maps each credential type, and refuses what is missing or unknown', async () => {
    const basic = await registryTarget(reg({ credentialType: 'BasicAuth', username: 'u', password: 'p' }));
    assert.deepEqual([basic.options.username, basic.options.password], ['u', 'p']);
    const token = await registryTarget(reg({ credentialType: 'Token', token: 'tok' }));
    assert.equal(token.options.token, 'tok');
    const aws = await registryTarget(
      reg({ credentialType: 'AWS', awsRegion: 'eu-west-1' }),
      async () => 'ecr-pw',
    );
    assert.deepEqual([aws.options.username, aws.options.password], ['AWS', 'ecr-pw']);
    for (const bad of [
      reg({ credentialType: 'BasicAuth', username: 'u' }),
      reg({ credentialType: 'Token' }),
      reg({ credentialType: 'Kerberos' }),
      reg({ uri: 'ftp://x' }),
      reg({ uri: 'https://x.example.com/sub/path' }),
    ])
      await assert.rejects(
        registryTarget(bad),
        (e) => isBulwarkError(e, 'INPUT_INVALID'),
        JSON.stringify(bad),
      );
  });

  it('a claimed job that does not fit the protocol is refused with the place it breaks', () => {
    const job = {
      id: 'j',
      scheduleUuid: 's',
      registry: reg({}),
      images: [{ repository: 'a/b', digest: 'md5:x' }],
    };
    assert.equal(readClaim({ job: { ...job, images: [{ repository: 'a/b', tag: 'v1' }] } }).id, 'j');
    assert.throws(
      () => readClaim({ job }),
      (e) => isBulwarkError(e, 'INPUT_INVALID') && /\/job\/images\/0\/digest/.test(e.message),
    );
    assert.throws(
      () => readClaim('nope'),
      (e) => isBulwarkError(e, 'INPUT_INVALID'),
    );
  });
});
