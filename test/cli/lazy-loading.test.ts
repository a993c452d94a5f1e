import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { runCli } from '../../src/test-support/run-cli.js';

// Which packages each command loads, recorded by a module hook: start-up cost is
// paid only by the commands that need a dependency. (Times belong in `npm run bench`.)
let work: string;
let hook: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-lazy-'));
  hook = join(work, 'record-loads.mjs');
  const resolver = `export async function resolve(s, c, n) {
  const r = await n(s, c);
  const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(r.url);
  if (m) process.stderr.write('LOADED ' + m[1] + '\\n');
  else if (r.url.includes('/dist/core/')) process.stderr.write('LOADED ' + r.url.replace(/.*\\/dist\\//, '') + '\\n');
  return r;
}`;
  await writeFile(
    hook,
    `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(resolver)}));\n`,
  );
});
after(() => rm(work, { recursive: true, force: true }));

async function loaded(args: string[]): Promise<Set<string>> {
  const result = await runCli(args, {
    cwd: work,
    env: { NODE_OPTIONS: `--import=${pathToFileURL(hook).href}` },
  });
  return new Set([...result.stderr.matchAll(/^LOADED (.+)$/gm)].map((m) => m[1] as string));
}

describe('commands load only what they need', () => {
  test('bulwark --version loads no scanner code and no dependency but commander', async () => {
    assert.deepEqual([...(await loaded(['--version']))].sort(), ['commander', 'core/errors.js']);
  });

  test('db status loads neither the HTTP client nor the image sources', async () => {
    const names = await loaded(['db', 'status', '--db', join(work, 'none.db')]);
    for (const heavy of ['undici', 'dockerode', 'ajv', 'fflate', 'yaml', 'packageurl-js'])
      assert.ok(!names.has(heavy), `db status loaded ${heavy}`);
  });

  test('sbom loads neither SQLite, the HTTP client, Docker client nor schema validators', async () => {
    const names = await loaded(['sbom', join(work, 'missing.tar')]);
    assert.ok(names.has('core/scan/generate-sbom.js'));
    for (const heavy of ['better-sqlite3', 'undici', 'dockerode', 'ajv'])
      assert.ok(!names.has(heavy), `sbom loaded ${heavy}`);
  });

  test('scan image loads neither the HTTP client nor the YAML parser when it reads no YAML', async () => {
    const names = await loaded([
      'scan',
      'image',
      '--offline',
      '--db',
      join(work, 'none.db'),
      './missing.tar',
    ]);
    assert.ok(names.has('core/scan/scan-image.js'));
    for (const heavy of ['undici', 'yaml', 'dockerode', 'ajv', 'handlebars'])
      assert.ok(!names.has(heavy), `scan image loaded ${heavy}`);
  });
});
