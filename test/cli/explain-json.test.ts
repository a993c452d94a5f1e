import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { type Workspace, workspace } from './fixtures.js';

let ws: Workspace;
before(async () => {
  ws = await workspace('bulwark-explain-');
});
after(() => rm(ws.dir, { recursive: true, force: true }));

describe('explain --format json', () => {
  test('the same verdict and evidence as data', async () => {
    const result = await ws.cli(['explain', '--db', 'db/vuln.db', '-f', 'json', 'DSA-9999-1', 'image.tar']);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.vulnerabilityId, 'DSA-9999-1');
    assert.equal(doc.known, true);
    assert.equal(doc.affected, true);
    assert.equal(doc.evaluations.length, 1);
    const [e] = doc.evaluations;
    assert.equal(e.status, 'affected');
    assert.deepEqual(e.advisory, { id: 'CVE-2099-0001', summary: 'jq: heap overflow in the parser' });
    assert.equal(e.package.name, 'jq');
    assert.deepEqual(e.fixedVersions, ['1.6-2.1+deb12u1']);
    assert.equal(e.evidence.ecosystem, 'Debian:12');
  });

  test('an unknown id says so; a bad format is a usage error', async () => {
    const unknown = await ws.cli([
      'explain',
      '--db',
      'db/vuln.db',
      '-f',
      'json',
      'CVE-1999-0001',
      'image.tar',
    ]);
    assert.equal(unknown.code, 0, unknown.stderr);
    assert.deepEqual(
      (({ known, affected, evaluations }) => ({ known, affected, evaluations }))(JSON.parse(unknown.stdout)),
      { known: false, affected: false, evaluations: [] },
    );
    const bad = await ws.cli(['explain', '--db', 'db/vuln.db', '-f', 'yaml', 'CVE-2099-0001', 'image.tar']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format "yaml": expected text or json/);
  });
});
