import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { isBulwarkError } from '../../core/errors.js';
import { resolveSensorOptions } from './sensor-options.js';

const A = '11111111-2222-3333-4444-555555555555';
const C = '66666666-7777-8888-9999-000000000000';

it('flags beat environment variables, which beat the config file', () => {
  const storage = mkdtempSync(join(tmpdir(), 'bulwark-opts-'));
  writeFileSync(
    join(storage, 'sensor.toml'),
    `ActivationId = "${A}"\nCustomerId = "${C}"\nLogLevel = 1\nConcurrentScan = 3\nCpuUsageLimit = 20\n`,
  );
  const o = resolveSensorOptions({
    flags: { storage, logLevel: '5' },
    env: { BULWARK_SENSOR_CONCURRENT_SCAN: '4', CPUUSAGELIMIT: '' },
  });
  assert.equal(o.activationId, A);
  assert.equal(o.logLevel, 5, 'flag');
  assert.equal(o.concurrentScan, 4, 'environment');
  assert.equal(o.cpuUsageLimit, 20, 'file');
  assert.equal(o.mode, 'general');
});

it('checks ranges, modes, the 12 h rescan floor and the proxy certificate rule', () => {
  const base = { env: {}, flags: { activationId: A, customerId: C, storage: tmpdir() } };
  const bad = (flags: Record<string, string>) =>
    assert.throws(
      () => resolveSensorOptions({ ...base, flags: { ...base.flags, ...flags } }),
      (e) => isBulwarkError(e, 'USAGE'),
    );
  bad({ logLevel: '6' });
  bad({ cpuUsageLimit: '101' });
  bad({ scanIntervalHours: '11' });
  bad({ dockerHost: 'ftp://x' });
  bad({ activationId: 'nope' });
  assert.throws(
    () => resolveSensorOptions({ ...base, cicd: true, registry: true }),
    (e) => isBulwarkError(e, 'USAGE'),
  );
  assert.equal(resolveSensorOptions({ ...base, cicd: true }).mode, 'cicd');
  assert.equal(resolveSensorOptions({ ...base, registry: true }).mode, 'registry');
  // The reference: ProxyCertFile without Proxy is ignored.
  assert.equal(
    resolveSensorOptions({ ...base, flags: { ...base.flags, proxyCertFile: '/x.pem' } }).proxyCertFile,
    undefined,
  );
  const withProxy = resolveSensorOptions({
    ...base,
    flags: { ...base.flags, proxy: '10.0.0.1:3128', proxyCertFile: '/x.pem' },
  });
  assert.equal(withProxy.proxy, 'http://10.0.0.1:3128');
  assert.equal(withProxy.proxyCertFile, '/x.pem');
  assert.equal(
    resolveSensorOptions({ ...base, flags: { ...base.flags, dockerHost: '/run/docker.sock' } }).dockerHost,
    'unix:///run/docker.sock',
  );
  assert.throws(
    () => resolveSensorOptions({ env: {}, flags: { storage: tmpdir() } }),
    /ActivationId is required/,
  );
});
