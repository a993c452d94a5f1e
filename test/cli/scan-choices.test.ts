import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeLayer, writeDockerArchive } from '../../src/test-support/make-image.js';
import { debianLayer, jqRecord, type Workspace, workspace } from './fixtures.js';

// --pkg-types and --scanners as Trivy users write them.
const lodashRecord = {
  schema_version: '1.6.0',
  id: 'GHSA-35jh-r3h4-6jhm',
  modified: '2024-01-01T00:00:00Z',
  summary: 'Command injection in lodash',
  aliases: ['CVE-2021-23337'],
  affected: [
    {
      package: { ecosystem: 'npm', name: 'lodash' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
    },
  ],
};
let ws: Workspace;

before(async () => {
  ws = await workspace('bulwark-choices-', [jqRecord, lodashRecord]);
  const app = {
    name: 'app/node_modules/lodash/package.json',
    content: '{"name":"lodash","version":"4.17.20"}',
  };
  await writeDockerArchive(join(ws.dir, 'mixed.tar'), [await makeLayer([...debianLayer, app])]);
});
after(() => rm(ws.dir, { recursive: true, force: true }));

const ids = async (args: string[]) => {
  const result = await ws.cli(['scan', 'image', '--db', 'db/vuln.db', '-f', 'json', ...args, 'mixed.tar']);
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout).findings as { id: string }[]).map((f) => f.id).sort();
};

describe('--pkg-types and --scanners', () => {
  test('both kinds by default; os or library alone when asked', async () => {
    assert.deepEqual(await ids([]), ['CVE-2021-23337', 'CVE-2099-0001']);
    assert.deepEqual(await ids(['--pkg-types', 'os']), ['CVE-2099-0001']);
    assert.deepEqual(await ids(['--pkg-types', 'LIBRARY']), ['CVE-2021-23337']);
    assert.deepEqual(await ids(['--pkg-types', 'os,library']), ['CVE-2021-23337', 'CVE-2099-0001']);
  });

  test('sbom --pkg-types lists only those packages', async () => {
    const result = await ws.cli(['sbom', '-f', 'json', '--pkg-types', 'library', 'mixed.tar']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      JSON.parse(result.stdout).packages.map((p: { name: string }) => p.name),
      ['lodash'],
    );
  });

  test('--scanners vuln is accepted; scanners Bulwark lacks are refused, not skipped', async () => {
    assert.deepEqual(await ids(['--scanners', 'vuln']), ['CVE-2021-23337', 'CVE-2099-0001']);
    for (const [value, message] of [
      ['vuln,secret', /vulnerabilities only \(vuln\); secret is not available/],
      ['magic', /unknown magic/],
    ] as const) {
      const result = await ws.cli(['scan', 'image', '--db', 'db/vuln.db', '--scanners', value, 'mixed.tar']);
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
    }
    const badTypes = await ws.cli([
      'scan',
      'image',
      '--db',
      'db/vuln.db',
      '--pkg-types',
      'kernel',
      'mixed.tar',
    ]);
    assert.equal(badTypes.code, 2);
    assert.match(badTypes.stderr, /--pkg-types "kernel": expected a list of os, library/);
  });
});
