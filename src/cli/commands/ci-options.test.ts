/** `bulwark ci` settings: image ids from the flag or IMAGE_ID, credentials, bad values refused. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBulwarkError } from '../../core/errors.js';
import { type CiFlags, parseSeverityCounts, toCiSettings } from './ci-options.js';

const base: CiFlags = {
  server: 'http://127.0.0.1:1',
  triggerTag: 'bulwark_scan_target',
  pollInterval: '10s',
  timeout: '10m',
  failOnSeverity: [],
  failId: [],
  excludeId: [],
  reportFormats: 'html,junit,sarif',
};
const env = { BULWARK_TOKEN: 'tok' };

describe('ci settings', () => {
  it('takes one id, or a comma-separated list, from --image-ids or IMAGE_ID', () => {
    assert.deepEqual(toCiSettings({ ...base, imageIds: 'a1b2c3d4e5f6' }, env).imageIds, ['a1b2c3d4e5f6']);
    assert.deepEqual(toCiSettings(base, { ...env, IMAGE_ID: 'a1b2c3d4e5f6, abcdef123456' }).imageIds, [
      'a1b2c3d4e5f6',
      'abcdef123456',
    ]);
    // The flag wins over the variable.
    assert.deepEqual(
      toCiSettings({ ...base, imageIds: 'abcdef123456' }, { ...env, IMAGE_ID: 'a1b2c3d4e5f6' }).imageIds,
      ['abcdef123456'],
    );
  });

  it('durations, auth and report formats', () => {
    const s = toCiSettings({ ...base, imageIds: 'abcdef123456', pollInterval: '2s', timeout: '90' }, env);
    assert.deepEqual([s.pollIntervalMs, s.timeoutMs], [2000, 90_000]);
    assert.deepEqual(s.auth, { kind: 'token', token: 'tok' });
    assert.deepEqual(s.reportFormats, ['html', 'junit', 'sarif']);
    const basic = toCiSettings({ ...base, imageIds: 'abcdef123456', user: 'ci' }, { BULWARK_PASSWORD: 'pw' });
    assert.deepEqual(basic.auth, { kind: 'basic', user: 'ci', password: 'pw' });
  });

  it('per-severity counts', () => {
    assert.deepEqual(parseSeverityCounts(['5=0,4=3']), { 5: 0, 4: 3 });
    assert.deepEqual(parseSeverityCounts(['high']), { 4: 0, 5: 0 });
  });

  const bad: [string, Partial<CiFlags>, NodeJS.ProcessEnv][] = [
    ['no image ids', {}, env],
    ['not hex', { imageIds: 'nginx:latest' }, env],
    ['no server', { imageIds: 'abcdef123456', server: undefined }, env],
    ['server not a URL', { imageIds: 'abcdef123456', server: 'bulwark' }, env],
    ['no credentials', { imageIds: 'abcdef123456' }, {}],
    ['user without password', { imageIds: 'abcdef123456', user: 'ci' }, {}],
    ['bad count', { imageIds: 'abcdef123456', failOnSeverity: ['5=many'] }, env],
    ['bad severity', { imageIds: 'abcdef123456', failOnSeverity: ['severe=1'] }, env],
    ['bad cvss', { imageIds: 'abcdef123456', failCvss: '11' }, env],
    ['bad cvss version', { imageIds: 'abcdef123456', failCvss: '7', cvssVersion: '5' }, env],
    ['cvss version alone', { imageIds: 'abcdef123456', cvssVersion: '3' }, env],
    ['bad interval', { imageIds: 'abcdef123456', pollInterval: 'often' }, env],
    ['bad format', { imageIds: 'abcdef123456', reportFormats: 'pdf' }, env],
    ['bad webhook', { imageIds: 'abcdef123456', webhook: 'ftp://x' }, env],
    ['bad trigger tag', { imageIds: 'abcdef123456', triggerTag: 'Bad Tag' }, env],
  ];
  for (const [name, flags, e] of bad) {
    it(`refuses ${name} with a USAGE error`, () => {
      assert.throws(
        () => toCiSettings({ ...base, ...flags } as CiFlags, e),
        (err) => isBulwarkError(err, 'USAGE'),
      );
    });
  }
});
