import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { goDir, pypiDir, rawRecords, testdata } from '../../test-support/advisory-test-helpers.js';
import { validateOsvRecord } from './validate-osv.js';

// The OSV project's own schema is the independent truth for what is and is not OSV.
const schema = JSON.parse(readFileSync(join(testdata, 'osv-schema.json'), 'utf8')) as object;
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const schemaValid = ajv.compile(schema);

const base = {
  id: 'GHSA-aaaa-bbbb-cccc',
  modified: '2024-05-01T10:00:00Z',
  affected: [
    {
      package: { ecosystem: 'npm', name: 'left-pad' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.3.0' }] }],
    },
  ],
};
const withRange = (range: object) => ({
  ...base,
  affected: [{ package: base.affected[0]!.package, ranges: [range] }],
});

describe('validateOsvRecord', () => {
  it('accepts every real record in testdata, as the OSV schema does', () => {
    const all = [...rawRecords(goDir), ...rawRecords(pypiDir)];
    assert.equal(all.length, 20);
    for (const { path, record } of all) {
      assert.ok(schemaValid(record), `${path} passes the OSV schema: ${ajv.errorsText(schemaValid.errors)}`);
      assert.equal(validateOsvRecord(structuredClone(record)).kind, 'ok', path);
    }
  });

  // Each of these breaks a rule of the OSV schema; both validators must reject it.
  const invalid: [string, unknown][] = [
    ['not an object', ['x']],
    ['missing id', { ...base, id: undefined }],
    ['missing modified', { ...base, modified: undefined }],
    ['modified not a timestamp', { ...base, modified: 'yesterday' }],
    ['aliases not strings', { ...base, aliases: [1] }],
    ['package without ecosystem', { ...base, affected: [{ package: { name: 'x' } }] }],
    ['package without name', { ...base, affected: [{ package: { ecosystem: 'npm' } }] }],
    ['range type unknown', withRange({ type: 'DATE', events: [{ introduced: '0' }] })],
    ['range without events', withRange({ type: 'SEMVER', events: [] })],
    ['event with two keys', withRange({ type: 'SEMVER', events: [{ introduced: '0', fixed: '1' }] })],
    [
      'event with an unknown key',
      withRange({ type: 'SEMVER', events: [{ introduced: '0' }, { patched: '1' }] }),
    ],
    ['event value not a string', withRange({ type: 'SEMVER', events: [{ introduced: 0 }] })],
    ['no introduced event', withRange({ type: 'SEMVER', events: [{ fixed: '1.0.0' }] })],
    ['GIT range without repo', withRange({ type: 'GIT', events: [{ introduced: '0' }] })],
    ['versions not strings', { ...base, affected: [{ ...base.affected[0], versions: [1, 2] }] }],
  ];
  for (const [name, value] of invalid) {
    it(`rejects: ${name}`, () => {
      assert.equal(schemaValid(value), false, 'the OSV schema rejects it too');
      const result = validateOsvRecord(structuredClone(value));
      assert.equal(result.kind, 'invalid');
    });
  }

  it('flags (not rejects) an ecosystem OSV does not define', () => {
    const value = { ...base, affected: [{ package: { ecosystem: 'Frob:1', name: 'x' } }, base.affected[0]] };
    assert.equal(schemaValid(value), false);
    const result = validateOsvRecord(value);
    assert.equal(result.kind, 'unknown-ecosystem');
    assert.deepEqual(result.kind === 'unknown-ecosystem' && result.ecosystems, ['Frob:1']);
  });

  it('accepts suffixed ecosystems and drops fields the schema lets be null', () => {
    const value = {
      ...base,
      aliases: null,
      references: null,
      affected: [{ package: { ecosystem: 'Ubuntu:22.04:LTS', name: 'openssl' } }],
    };
    assert.ok(schemaValid(value));
    const result = validateOsvRecord(value);
    assert.equal(result.kind, 'ok');
    assert.equal(result.kind === 'ok' && 'aliases' in result.record, false);
  });
});
