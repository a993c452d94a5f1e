import assert from 'node:assert/strict';
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Workspace, workspace } from './fixtures.js';

// Every flag from a config file or a BULWARK_* variable; precedence flags > env > file.
let ws: Workspace;
before(async () => {
  ws = await workspace('bulwark-config-');
});
after(() => rm(ws.dir, { recursive: true, force: true }));

const kind = (stdout: string): string => {
  if (stdout.startsWith('{')) {
    const doc = JSON.parse(stdout);
    return doc.bomFormat === 'CycloneDX' ? 'cyclonedx' : doc.spdxVersion ? 'spdx' : 'json';
  }
  return 'table';
};

async function withConfig(name: string, text: string, run: () => Promise<void>): Promise<void> {
  await writeFile(join(ws.dir, name), text);
  try {
    await run();
  } finally {
    await unlink(join(ws.dir, name));
  }
}

describe('config file and environment', () => {
  test('bulwark.yaml sets flags; a command section wins over the top level', async () => {
    await withConfig('bulwark.yaml', 'format: json\nsbom:\n  format: cyclonedx\n', async () => {
      const sbom = await ws.cli(['sbom', 'image.tar']);
      assert.equal(sbom.code, 0, sbom.stderr);
      assert.equal(kind(sbom.stdout), 'cyclonedx');
      const scan = await ws.cli(['scan', 'image', '--db', 'db/vuln.db', 'image.tar']);
      assert.equal(scan.code, 0, scan.stderr);
      assert.equal(kind(scan.stdout), 'json', 'the top-level key applies to scan image');
    });
  });

  test('precedence: flag > BULWARK_* variable > config file > default', async () => {
    await withConfig('bulwark.yml', 'format: json\n', async () => {
      assert.equal(kind((await ws.cli(['sbom', 'image.tar'])).stdout), 'json');
      assert.equal(
        kind((await ws.cli(['sbom', 'image.tar'], { BULWARK_FORMAT: 'spdx-json' })).stdout),
        'spdx',
      );
      const flag = await ws.cli(['sbom', '-f', 'table', 'image.tar'], { BULWARK_FORMAT: 'spdx-json' });
      assert.equal(kind(flag.stdout), 'table');
    });
    assert.equal(kind((await ws.cli(['sbom', 'image.tar'])).stdout), 'table', 'default without either');
  });

  test('--config PATH and BULWARK_CONFIG; booleans and lists; gates from the environment', async () => {
    await writeFile(join(ws.dir, 'ci.yaml'), 'scan image:\n  db: db/vuln.db\n  fail-on-severity: unknown\n');
    const gated = await ws.cli(['scan', 'image', '--config', 'ci.yaml', 'image.tar']);
    assert.equal(gated.code, 1, gated.stderr);
    const viaEnv = await ws.cli(['scan', 'image', 'image.tar'], { BULWARK_CONFIG: 'ci.yaml' });
    assert.equal(viaEnv.code, 1, viaEnv.stderr);
    const unfixed = await ws.cli(['scan', 'image', '--config', 'ci.yaml', '-f', 'json', 'image.tar'], {
      BULWARK_IGNORE_UNFIXED: 'true',
      BULWARK_VEX: '',
    });
    assert.equal(JSON.parse(unfixed.stdout).findings.length, 1, 'the jq finding has a fix');
  });

  test('a bad config file or value is a usage error', async () => {
    await writeFile(join(ws.dir, 'typo.yaml'), 'sbom:\n  fromat: json\n');
    const typo = await ws.cli(['sbom', '--config', 'typo.yaml', 'image.tar']);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /`sbom` has no flag --fromat/);
    const bool = await ws.cli(['sbom', 'image.tar'], { BULWARK_QUIET: 'maybe' });
    assert.equal(bool.code, 2);
    assert.match(bool.stderr, /BULWARK_QUIET: expected true or false/);
    const missing = await ws.cli(['sbom', '--config', 'nope.yaml', 'image.tar']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /error\[IO\]: nope\.yaml: cannot read the config file/);
  });

  test('docs/configuration.md documents the file, the variables and the precedence', async () => {
    const doc = await readFile(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    for (const text of [
      'bulwark.yaml',
      'BULWARK_CONFIG',
      '--config',
      'BULWARK_FAIL_ON_SEVERITY',
      'precedence',
    ])
      assert.ok(doc.includes(text), `mentions ${text}`);
  });
});

describe('flags on every command', () => {
  test('--quiet silences warnings; --debug adds stack traces', async () => {
    await writeFile(join(ws.dir, 'expired.txt'), 'CVE-2099-0001 exp:2000-01-01\n');
    const args = ['scan', 'image', '--db', 'db/vuln.db', '--ignore-file', 'expired.txt', 'image.tar'];
    const noisy = await ws.cli(args);
    assert.match(noisy.stderr, /^warning: ignore rule for CVE-2099-0001 expired/m);
    const quiet = await ws.cli(['--quiet', ...args]);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stderr, '');
    assert.equal(quiet.stdout, noisy.stdout);
    assert.equal((await ws.cli([...args, '-q'])).stderr, '');
    const failing = await ws.cli(['sbom', '--debug', './notes.missing']);
    assert.equal(failing.code, 2);
    assert.match(failing.stderr, /^error\[IMAGE_NOT_FOUND\]/);
    assert.match(failing.stderr, /\n\s+at /, 'a stack trace');
  });

  test('--timeout on a command without requests bounds the whole command', async () => {
    const result = await ws.cli(['db', 'import', 'records.json', '--db', 'db/other.db', '--timeout', '1ms']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^error\[TIMEOUT\]: gave up after 1ms/);
    const fine = await ws.cli(['db', 'status', '--db', 'db/vuln.db', '--timeout', '5m']);
    assert.equal(fine.code, 0, fine.stderr);
  });
});
