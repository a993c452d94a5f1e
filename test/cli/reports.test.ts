import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { jqRecord, type Workspace, workspace } from './fixtures.js';

// Reports people read: titles, descriptions, links that cannot run script, SBOM subjects.
const hostileRefs = [
  'javascript:alert(document.cookie)',
  ' JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'https://security-tracker.debian.org/tracker/CVE-2099-0003',
];
const untitled = {
  ...jqRecord,
  id: 'CVE-2099-0003',
  aliases: [],
  summary: undefined,
  details:
    'A very long first sentence describing how the jq parser mishandles deeply nested arrays and objects in untrusted input documents. Second sentence.\n\nMore text.',
  references: hostileRefs.map((url) => ({ type: 'WEB', url })),
};
let ws: Workspace;

before(async () => {
  ws = await workspace('bulwark-reports-', [jqRecord, untitled]);
});
after(() => rm(ws.dir, { recursive: true, force: true }));

const scan = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  ws.cli(['scan', 'image', '--db', 'db/vuln.db', ...args], env);

describe('reports people read', () => {
  test('every finding has a title in the table: summary, else the first sentence of details', async () => {
    const result = await scan(['image.tar']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /\bTITLE\b/);
    assert.match(result.stdout, /CVE-2099-0001 .* jq: heap overflow in the parser\n/);
    assert.match(
      result.stdout,
      /CVE-2099-0003 .* A very long first sentence .* untrusted input documents\.\n/,
    );
    assert.doesNotMatch(result.stdout, /Second sentence/);
  });

  test('titles are cut to the terminal width', async () => {
    const result = await scan(['image.tar'], { COLUMNS: '80' });
    assert.equal(result.code, 0, result.stderr);
    const rows = result.stdout.split('\n').filter((line) => line.includes('CVE-2099-0003'));
    assert.ok(rows.length > 0);
    for (const row of rows) {
      assert.ok(row.length <= 80, `${row.length} columns: ${row}`);
      assert.ok(row.endsWith('…'), row);
    }
  });

  test('HTML: a javascript: (or data:, vbscript:) reference is never a link', async () => {
    const result = await scan(['-f', 'html', 'image.tar']);
    assert.equal(result.code, 0, result.stderr);
    const html = result.stdout;
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1] as string);
    assert.ok(hrefs.length > 0);
    for (const href of hrefs) assert.match(href, /^https?:\/\//, `href ${href}`);
    assert.ok(hrefs.includes('https://security-tracker.debian.org/tracker/CVE-2099-0003'));
    assert.doesNotMatch(html, /<script/i, 'hostile text is escaped');
    assert.match(html, /<code>javascript:alert\(document\.cookie\)<\/code>/, 'shown as inert text');
    assert.match(html, /A very long first sentence[^<]*Second sentence\./, 'the description is carried');
  });

  test('SARIF carries the description', async () => {
    const result = await scan(['-f', 'sarif', 'image.tar']);
    assert.equal(result.code, 0, result.stderr);
    const rules = JSON.parse(result.stdout).runs[0].tool.driver.rules as {
      id: string;
      shortDescription: { text: string };
      fullDescription: { text: string };
      helpUri: string;
    }[];
    const rule = rules.find((r) => r.id === 'CVE-2099-0003');
    assert.ok(rule);
    assert.match(rule.shortDescription.text, /^A very long first sentence/);
    assert.match(rule.fullDescription.text, /Second sentence\.\n\nMore text\.$/);
    assert.equal(rule.helpUri, 'https://security-tracker.debian.org/tracker/CVE-2099-0003');
  });

  test('JSON --list-all-pkgs adds the package inventory', async () => {
    const plain = JSON.parse((await scan(['-f', 'json', 'image.tar'])).stdout);
    assert.equal(plain.packages, undefined);
    const all = JSON.parse((await scan(['-f', 'json', '--list-all-pkgs', 'image.tar'])).stdout);
    assert.deepEqual(
      all.packages.map((p: { name: string; version: string; path: string }) => [p.name, p.version, p.path]),
      [['jq', '1.6-2.1', 'var/lib/dpkg/status']],
    );
  });

  test('an SBOM input names its subject, and rows never show "layer ?"', async () => {
    const made = await ws.cli(['sbom', '-f', 'cyclonedx', '-o', 'bom.json', 'image.tar']);
    assert.equal(made.code, 0, made.stderr);
    // As other tools write it: no described component, no layer properties.
    const doc = JSON.parse(await readFile(join(ws.dir, 'bom.json'), 'utf8'));
    delete doc.metadata.component;
    for (const c of doc.components)
      c.properties = (c.properties ?? []).filter(
        (p: { name: string }) => !p.name.startsWith('bulwark:layer'),
      );
    await writeFile(join(ws.dir, 'bare.cdx.json'), JSON.stringify(doc));
    const result = await scan(['bare.cdx.json']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^SBOM: bare\.cdx\.json\n/);
    assert.doesNotMatch(result.stdout, /layer \?/);
    assert.match(result.stdout, /^jq 1\.6-2\.1 \(deb, var\/lib\/dpkg\/status\)$/m);
  });
});
