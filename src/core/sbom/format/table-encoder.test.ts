import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { assertGolden } from '../../../test-support/golden.js';
import type { Sbom } from '../model.js';
import { bulwarkJson } from './bulwark-json-encoder.js';
import { table } from './table-encoder.js';

const dir = new URL('testdata/', import.meta.url);
const sample = JSON.parse(readFileSync(new URL('debian-sample.sbom.json', dir), 'utf8')) as Sbom;
/** ANSI escape introducer; a string test because lint forbids control characters in regexes. */
const hasAnsi = (text: string) => text.includes('\u001b[');

describe('table encoder', () => {
  it('matches the golden table', () => {
    assertGolden(new URL('debian-sample.table.expected.txt', dir).pathname, table.encode(sample));
  });

  it('has an OS line, a header and one row per package, sorted', () => {
    const lines = table.encode(sample).split('\n');
    assert.equal(lines[1], 'OS: Debian GNU/Linux 12 (bookworm)');
    assert.match(lines[3] ?? '', /^TYPE\s+NAME\s+VERSION\s+ARCH\s+LAYER\s+PATH$/);
    const rows = lines.slice(4, 4 + sample.packages.length);
    assert.deepEqual(
      rows.map((r) => r.split(/\s+/)[1]),
      [
        'bsdutils',
        'curl',
        'libc6',
        'libssl3',
        'tzdata',
        'zlib1g',
        'org.apache.logging.log4j:log4j-core',
        '@babel/traverse',
        'express',
      ],
    );
  });

  it('colors only when asked', () => {
    assert.ok(!hasAnsi(table.encode(sample)));
    assert.ok(hasAnsi(table.encode(sample, { color: true })));
  });
});

describe('bulwark json encoder', () => {
  it('is the Sbom itself, packages sorted, stable whatever the input order', () => {
    const shuffled = { ...sample, packages: [...sample.packages].reverse() };
    const a = bulwarkJson.encode(sample);
    assert.equal(bulwarkJson.encode(shuffled), a);
    const back = JSON.parse(a) as Sbom;
    assert.equal(back.bomFormat, 'bulwark-sbom');
    assert.equal(back.packages.length, sample.packages.length);
    assert.deepEqual(Object.keys(back), [
      'bomFormat',
      'schemaVersion',
      'image',
      'os',
      'layers',
      'packages',
      'unknowns',
    ]);
    assert.deepEqual(back.packages[0] && Object.keys(back.packages[0]), [
      'type',
      'name',
      'version',
      'arch',
      'source',
      'licenses',
      'purl',
      'location',
    ]);
  });
});
