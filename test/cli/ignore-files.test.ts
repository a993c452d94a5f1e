import assert from 'node:assert/strict';
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { jqRecord, type Workspace, workspace } from './fixtures.js';

// Ignore files users bring from Trivy, and Bulwark's own, read from the working directory.
let ws: Workspace;
const second = {
  ...jqRecord,
  id: 'CVE-2099-0002',
  aliases: [],
  summary: 'jq: second issue',
};

before(async () => {
  ws = await workspace('bulwark-ignore-', [jqRecord, second]);
});
after(() => rm(ws.dir, { recursive: true, force: true }));

async function withFile(name: string, content: string, run: () => Promise<void>): Promise<void> {
  const path = join(ws.dir, name);
  await writeFile(path, content);
  try {
    await run();
  } finally {
    await unlink(path);
  }
}

const scan = (extra: string[] = []) => ws.cli(['scan', 'image', '--db', 'db/vuln.db', ...extra, 'image.tar']);
const jsonScan = async (extra: string[] = []) => {
  const result = await scan(['-f', 'json', ...extra]);
  assert.equal(result.code, 0, result.stderr);
  const doc = JSON.parse(result.stdout);
  return {
    findings: doc.findings.map((f: { id: string }) => f.id) as string[],
    suppressed: doc.suppressed.map((s: { reason: string; finding: { id: string } }) => [
      s.finding.id,
      s.reason,
    ]),
    stderr: result.stderr,
  };
};

describe('ignore files', () => {
  test('control: nothing suppressed without a file', async () => {
    assert.deepEqual((await jsonScan()).findings, ['CVE-2099-0001', 'CVE-2099-0002']);
  });

  test('.trivyignore: plain ids, comments, alias ids, exp: dates', async () => {
    const content = '# accepted\nDSA-9999-1\nCVE-2099-0002 exp:2000-01-01\n';
    await withFile('.trivyignore', content, async () => {
      const out = await jsonScan();
      assert.deepEqual(out.findings, ['CVE-2099-0002'], 'the expired entry no longer applies');
      assert.deepEqual(out.suppressed, [['CVE-2099-0001', 'ignored: listed in .trivyignore']]);
      assert.match(out.stderr, /ignore rule for CVE-2099-0002 expired on 2000-01-01/);
      const table = await scan();
      assert.match(
        table.stdout,
        /Suppressed \(1\):\n\s+ID\s+SEVERITY\s+PACKAGE\s+REASON\n\s+CVE-2099-0001 .*jq 1\.6-2\.1\s+ignored: listed in \.trivyignore/,
      );
    });
  });

  test('.trivyignore.yaml: statement, purls and paths', async () => {
    const content = [
      'vulnerabilities:',
      '  - id: CVE-2099-0001',
      '    statement: parser never sees untrusted input',
      '    purls: ["pkg:deb/debian/jq@1.6-2.1?distro=debian-12"]',
      '  - id: CVE-2099-0002',
      '    paths: [usr/lib/other]',
      '    expired_at: 2999-01-01',
    ].join('\n');
    await withFile('.trivyignore.yaml', content, async () => {
      const out = await jsonScan();
      assert.deepEqual(out.findings, ['CVE-2099-0002'], 'a rule for another path does not apply');
      assert.deepEqual(out.suppressed, [['CVE-2099-0001', 'ignored: parser never sees untrusted input']]);
    });
  });

  for (const name of ['.bulwarkignore.yaml', '.bulwarkignore.yml']) {
    test(`${name} is read by default`, async () => {
      const content =
        'ignore:\n  - id: CVE-2099-0002\n    package: jq\n    reason: accepted until the rebuild\n';
      await withFile(name, content, async () => {
        const out = await jsonScan();
        assert.deepEqual(out.suppressed, [['CVE-2099-0002', 'ignored: accepted until the rebuild']]);
      });
    });
  }

  test('--ignore-file takes any of the formats by name', async () => {
    await writeFile(join(ws.dir, 'accepted.txt'), 'CVE-2099-0001\n');
    const out = await jsonScan(['--ignore-file', 'accepted.txt']);
    assert.deepEqual(out.findings, ['CVE-2099-0002']);
  });

  test('content that matches no known format is an error, not "0 suppressed"', async () => {
    const cases: [string, string, RegExp][] = [
      ['.bulwarkignore.yaml', 'vulnerabilities:\n  - id: CVE-2099-0001\n', /not a Bulwark ignore file/],
      ['.bulwarkignore.yaml', 'just some text\n', /not a Bulwark ignore file/],
      ['.trivyignore', 'ignore:\n  - id: CVE-2099-0001\n', /line 1: "ignore:" is not a vulnerability id/],
      ['.trivyignore', 'CVE-2099-0001 until:2030-01-01\n', /unknown field "until:2030-01-01"/],
      ['.trivyignore.yaml', 'ignore:\n  - id: CVE-2099-0001\n', /not a \.trivyignore\.yaml/],
    ];
    for (const [name, content, message] of cases) {
      await withFile(name, content, async () => {
        const result = await scan();
        assert.equal(result.code, 2, `${name}: ${result.stderr}`);
        assert.match(result.stderr, /^error\[INPUT_INVALID\]: /);
        assert.match(result.stderr, message);
      });
    }
  });

  test('docs/ignore-files.md documents every format', async () => {
    const doc = await readFile(new URL('../../docs/ignore-files.md', import.meta.url), 'utf8');
    for (const name of [
      '.bulwarkignore.yaml',
      '.bulwarkignore.yml',
      '.trivyignore',
      '.trivyignore.yaml',
      'exp:',
      'expired_at',
      'expires',
    ]) {
      assert.ok(doc.includes(name), `docs/ignore-files.md mentions ${name}`);
    }
  });
});
