import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { makeLayer, sha256 } from '../../../../test-support/make-image.js';
import { applyLayers } from '../../../applier/apply-layers.js';
import { walkLayer } from '../../../layer/walk-layer.js';
import { golangAnalyzer } from './golang-analyzer.js';
import { belowGo117 } from './parse-go-mod.js';
import { parseGoSum } from './parse-go-sum.js';

// testdata/legacy was written by `go mod tidy` (build-legacy.sh, Debian's go1.19.8) for a
// module at `go 1.16`; `go list -m all` beside it is the truth for the build list.
const legacy = (name: string) => readFileSync(new URL(`./testdata/legacy/${name}`, import.meta.url), 'utf8');
const truth = legacy('go-list.txt')
  .trim()
  .split('\n')
  .filter((line) => line.includes(' ')) // the main module has no version
  .map((line) => line.replace(' ', '@'))
  .sort();

async function scan(files: Record<string, string>): Promise<string[]> {
  const tar = await makeLayer(Object.entries(files).map(([name, content]) => ({ name, content })));
  const diffID = sha256(tar);
  const result = await walkLayer(Readable.from([tar]), {
    analyzers: [golangAnalyzer],
    diffID,
    tempDir: '/nonexistent',
  });
  const applied = applyLayers([{ info: { index: 0, diffID, digest: diffID }, result }]);
  return applied.packages.map((p) => `${p.name}@${p.version} ${p.location.path}`).sort();
}

describe('go.sum below go 1.17', () => {
  it('the highest version per module is what `go list -m all` selects', () => {
    const parsed = parseGoSum(legacy('go.sum'), 'go.sum');
    assert.deepEqual(parsed.unknowns, []);
    assert.deepEqual(parsed.packages.map((p) => `${p.name}@${p.version}`).sort(), truth);
    assert.equal(truth.length, 4);
  });

  it('go.mod below 1.17 with go.sum: its requirements, plus the rest of the build list from go.sum', async () => {
    const found = await scan({ 'src/app/go.mod': legacy('go.mod'), 'src/app/go.sum': legacy('go.sum') });
    assert.deepEqual(found, [
      'example.com/codec@v1.2.0 src/app/go.sum',
      'example.com/log@v0.4.0 src/app/go.sum',
      'example.com/unused@v1.0.0 src/app/go.sum',
      'example.com/web@v1.0.0 src/app/go.mod',
    ]);
    assert.deepEqual(found.map((f) => f.split(' ')[0]).sort(), truth);
  });

  it('go 1.17+ go.mod, or a go.sum with no go.mod: go.sum adds nothing', async () => {
    const modern = legacy('go.mod').replace('go 1.16', 'go 1.17');
    assert.deepEqual(await scan({ 'app/go.mod': modern, 'app/go.sum': legacy('go.sum') }), [
      'example.com/web@v1.0.0 app/go.mod',
    ]);
    assert.deepEqual(await scan({ 'app/go.sum': legacy('go.sum') }), []);
    // Another directory's go.mod does not ask for this go.sum.
    assert.deepEqual(await scan({ 'a/go.mod': legacy('go.mod'), 'b/go.sum': legacy('go.sum') }), [
      'example.com/web@v1.0.0 a/go.mod',
    ]);
  });

  it('the go directive: below 1.17, or missing (go assumes 1.16)', () => {
    const table: [string | undefined, boolean][] = [
      [undefined, true],
      ['1.16', true],
      ['1.12.3', true],
      ['1.17', false],
      ['1.21.0', false],
      ['2.0', false],
    ];
    for (const [line, want] of table) assert.equal(belowGo117(line), want, String(line));
  });

  it('bad lines are an unknown, good ones still read', () => {
    const parsed = parseGoSum('example.com/a v1.0.0 h1:x=\nnot a line\nexample.com/b vX h1:y=\n', 'go.sum');
    assert.deepEqual(
      parsed.packages.map((p) => p.name),
      ['example.com/a'],
    );
    assert.match(parsed.unknowns[0]?.reason ?? '', /2, 3/);
  });
});
