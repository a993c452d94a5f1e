import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Workspace, workspace } from './fixtures.js';

let ws: Workspace;
before(async () => {
  ws = await workspace('bulwark-template-');
});
after(() => rm(ws.dir, { recursive: true, force: true }));

const scan = (args: string[]) => ws.cli(['scan', 'image', '--db', 'db/vuln.db', ...args, 'image.tar']);

describe('--format template', () => {
  test('inline and @file templates over the JSON report', async () => {
    const inline = await scan([
      '-f',
      'template',
      '--template',
      '{{#each findings}}{{id}} {{package.name}} {{upper severityName}}{{/each}}',
    ]);
    assert.equal(inline.code, 0, inline.stderr);
    assert.equal(inline.stdout, 'CVE-2099-0001 jq UNKNOWN\n');
    await writeFile(
      join(ws.dir, 'csv.hbs'),
      '{{#each findings}}{{id}},{{json summary}},{{join fixedVersions ";"}}\n{{/each}}',
    );
    const file = await scan(['-f', 'Template', '--template', '@csv.hbs']);
    assert.equal(file.code, 0, file.stderr);
    assert.equal(file.stdout, 'CVE-2099-0001,"jq: heap overflow in the parser",1.6-2.1+deb12u1\n');
  });

  test('a missing or broken template is a usage error', async () => {
    const missing = await scan(['-f', 'template']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--format template needs --template/);
    const broken = await scan(['-f', 'template', '--template', '{{#each findings}}']);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^error\[USAGE\]: --template: /);
    const noFile = await scan(['-f', 'template', '--template', '@nope.hbs']);
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /^error\[IO\]: --template nope\.hbs: cannot read/);
  });
});
