import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { condaAnalyzer } from './conda-analyzer.js';
import { parseCondaMeta } from './parse-conda-meta.js';
import { parseEnvironmentYml } from './parse-environment-yml.js';

const testdata = (p: string) => readFileSync(join(import.meta.dirname, 'testdata', p), 'utf8');

describe('conda', () => {
  it('conda-meta records: name, version, license', () => {
    const numpy = parseCondaMeta(
      testdata('opt/conda/conda-meta/numpy-1.26.4-py311h64a7726_0.json'),
      'x.json',
    );
    assert.deepEqual(numpy, {
      packages: [{ type: 'conda', name: 'numpy', version: '1.26.4', licenses: ['BSD-3-Clause'] }],
      unknowns: [],
    });
    const openssl = parseCondaMeta(testdata('opt/conda/conda-meta/openssl-3.2.1-hd590300_0.json'), 'x.json');
    assert.equal(openssl.packages[0]?.version, '3.2.1');
  });

  it('environment.yml: exact pins only; loose specs named in one unknown', () => {
    const r = parseEnvironmentYml(testdata('project/environment.yml'), 'environment.yml');
    assert.deepEqual(
      r.packages.map((p) => `${p.type}:${p.name}@${p.version}`),
      [
        'conda:_libgcc_mutex@0.1',
        'conda:python@3.11.7',
        'conda:numpy@1.26.4',
        'conda:pandas@2.1.4',
        'conda:openssl@3.2.1',
        'pypi:flask@3.0.0',
        'pypi:gunicorn@21.2.0',
      ],
    );
    assert.equal(
      r.unknowns[0]?.reason,
      '4 dependencies without an exact version (not reported): scipy=1.11, requests>=2.31, pip, pip rich>=13',
    );
  });

  it('broken records are unknowns', () => {
    assert.match(parseCondaMeta('{"name": "x"', 'x.json').unknowns[0]?.reason ?? '', /JSON/);
    assert.match(
      parseCondaMeta('{"name": "x"}', 'x.json').unknowns[0]?.reason ?? '',
      /without name and version/,
    );
    assert.match(parseCondaMeta('[]', 'x.json').unknowns[0]?.reason ?? '', /not a conda package record/);
  });

  it('wants conda-meta/*.json and environment.yml only', () => {
    const table: [string, boolean][] = [
      ['opt/conda/conda-meta/numpy-1.26.4-py311h64a7726_0.json', true],
      ['opt/conda/envs/app/conda-meta/openssl-3.2.1-hd590300_0.json', true],
      ['opt/conda/conda-meta/history', false],
      ['opt/conda/pkgs/numpy-1.26.4/info/index.json', false],
      ['srv/app/environment.yml', true],
      ['environment.yaml', true],
      ['srv/app/environment.yml.bak', false],
    ];
    for (const [path, want] of table)
      assert.equal(condaAnalyzer.wants({ path, mode: 0o644, size: 10 }), want, path);
  });
});
