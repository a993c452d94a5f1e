import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseRenvLock } from './parse-renv-lock.js';
import { rAnalyzer } from './r-analyzer.js';

const text = readFileSync(join(import.meta.dirname, 'testdata', 'renv.lock'), 'utf8');

describe('renv.lock', () => {
  it('CRAN and Bioconductor packages; GitHub ones named in an unknown, never dropped silently', () => {
    const r = parseRenvLock(text, 'app/renv.lock');
    assert.deepEqual(
      r.packages.map((p) => `${p.type}:${p.name}@${p.version}`),
      ['bioconductor:BiocGenerics@0.44.0', 'cran:jsonlite@1.8.4', 'cran:renv@0.16.0', 'cran:xml2@1.3-3'],
    );
    assert.equal(r.unknowns.length, 1);
    assert.match(
      r.unknowns[0]!.reason,
      /^1 packages not from CRAN or Bioconductor are not matched: .* \(GitHub\)$/,
    );
  });

  it('broken files are unknowns', () => {
    assert.match(
      parseRenvLock('{"Packages": {', 'renv.lock').unknowns[0]?.reason ?? '',
      /truncated|malformed/,
    );
    assert.match(parseRenvLock('{"R": {}}', 'renv.lock').unknowns[0]?.reason ?? '', /no Packages/);
  });

  const wants: [string, boolean][] = [
    ['app/renv.lock', true],
    ['app/renv/library/R-4.2/x86_64-pc-linux-gnu/renv/renv.lock', false],
    ['app/renv.lock.bak', false],
  ];
  for (const [path, want] of wants) {
    it(`wants ${path} → ${want}`, () => assert.equal(rAnalyzer.wants({ path, size: 1, mode: 0o644 }), want));
  }
});
