import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isBulwarkError } from '../../errors.js';
import { vendorFeedFamilies } from '../ecosystems.js';
import type { OsvRecord } from '../osv-types.js';
import { validateOsvRecord } from '../validate-osv.js';
import { amazonLinuxFeed } from './amazon-linux/alas-converter.js';
import { bottlerocketFeed } from './bottlerocket/brsa-converter.js';
import { feedConverters, parseFeedSpec } from './feeds.js';
import { oracleLinuxFeed } from './oracle-linux/elsa-converter.js';

const testdata = join(import.meta.dirname, 'testdata');
const sample = (path: string) => readFileSync(join(testdata, path), 'utf8');

// The OSV project's schema is the truth for the record shape. Its ecosystem and id-prefix
// patterns are closed lists without these distributions (OSV does not publish them), so
// records are checked twice: against the schema as published, where those two fields must
// be the only complaints, and against it with the vendor families and advisory prefixes
// (ALAS, ELSA, BRSA) added to those two patterns.
const schemaText = readFileSync(join(testdata, '../../testdata/osv-schema.json'), 'utf8');
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const published = ajv.compile(JSON.parse(schemaText) as object);
const widenedAjv = new Ajv2020.default({ strict: false, allErrors: true });
addFormats.default(widenedAjv);
const widened = (() => {
  const schema = JSON.parse(schemaText) as {
    $defs: { ecosystemWithSuffix: { pattern: string }; prefix: { pattern: string } };
  };
  const families = Object.keys(vendorFeedFamilies).join('|');
  const { ecosystemWithSuffix, prefix } = schema.$defs;
  ecosystemWithSuffix.pattern = ecosystemWithSuffix.pattern.replace('^(', `^(${families}|`);
  assert.ok(prefix.pattern.startsWith('^(x_|('));
  prefix.pattern = prefix.pattern.replace('^(x_|(', '^(x_|(ALAS2|ALAS2023|ELSA|BRSA|');
  return widenedAjv.compile(schema);
})();

function assertOsv(records: OsvRecord[]) {
  for (const record of records) {
    assert.ok(widened(record), `${record.id}: ${widenedAjv.errorsText(widened.errors)}`);
    assert.equal(published(record), false, `${record.id}: the published schema rejects the family`);
    const paths = new Set((published.errors ?? []).map((e) => e.instancePath));
    for (const path of paths) assert.match(path, /^\/id$|^\/affected\/\d+\/package\/ecosystem$/, record.id);
    assert.equal(validateOsvRecord(structuredClone(record)).kind, 'ok', record.id);
  }
}

const ranges = (records: OsvRecord[]) =>
  records.flatMap((r) =>
    (r.affected ?? []).map(
      (a) => `${r.id} ${a.package?.ecosystem} ${a.package?.name} ${JSON.stringify(a.ranges)}`,
    ),
  );
const fixed = (v: string) =>
  JSON.stringify([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: v }] }]);

describe('Amazon Linux ALAS (updateinfo.xml)', () => {
  const { records, warnings } = amazonLinuxFeed.convert(sample('amazon-linux-2/updateinfo.xml'), '2');
  it('gives one record per <update>, one range per package name (arches folded), epoch written', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(ranges(records), [
      `ALAS2-2023-2068 Amazon Linux:2 curl ${fixed('0:8.1.2-1.amzn2.0.1')}`,
      `ALAS2-2023-2068 Amazon Linux:2 libcurl ${fixed('0:8.1.2-1.amzn2.0.1')}`,
      `ALAS2-2023-2062 Amazon Linux:2 openssl ${fixed('1:1.0.2k-24.amzn2.0.7')}`,
      `ALAS2-2023-2062 Amazon Linux:2 openssl-libs ${fixed('1:1.0.2k-24.amzn2.0.7')}`,
    ]);
  });
  it('keeps CVE aliases, severity, dates and the advisory page', () => {
    const curl = records[0]!;
    assert.deepEqual(curl.aliases, ['CVE-2023-28321', 'CVE-2023-28322']);
    assert.equal(curl.published, '2023-06-06T20:31:00Z');
    assert.equal(curl.modified, '2023-06-07T18:02:00Z');
    assert.deepEqual(curl.affected?.[0]?.database_specific, { severity: 'medium' });
    assert.equal(curl.references?.[0]?.url, 'https://alas.aws.amazon.com/AL2/ALAS2-2023-2068.html');
    assert.deepEqual(records[1]?.aliases, ['CVE-2023-0286']);
  });
  it('records are OSV (but for the ecosystem family the schema does not list)', () => assertOsv(records));
  it('the 2023 feed refuses AL2 advisory ids, with a warning per advisory', () => {
    const other = amazonLinuxFeed.convert(sample('amazon-linux-2/updateinfo.xml'), '2023');
    assert.equal(other.records.length, 0);
    assert.deepEqual(other.warnings, [
      'ALAS2-2023-2068: not an advisory of this feed; skipped',
      'ALAS2-2023-2062: not an advisory of this feed; skipped',
    ]);
  });
  it('a truncated file throws (the runner turns it into a warning naming the file)', () => {
    const text = sample('amazon-linux-2/updateinfo.xml');
    assert.throws(() => amazonLinuxFeed.convert(text.slice(0, text.length / 2), '2'), /not well-formed XML/);
    assert.throws(() => amazonLinuxFeed.convert('<feed/>', '2'), /no <updates> root/);
  });
});

describe('Oracle Linux ELSA (OVAL definitions)', () => {
  const text = sample('oracle-linux/com.oracle.elsa-sample.xml');
  it('reads every release of an all-releases file, with each fix from the criteria', () => {
    const { records, warnings } = oracleLinuxFeed.convert(text, undefined);
    assert.deepEqual(warnings, []);
    assert.deepEqual(ranges(records), [
      `ELSA-2023-0371 Oracle Linux:8 curl ${fixed('0:7.61.1-25.el8_7.1')}`,
      `ELSA-2023-0371 Oracle Linux:8 libcurl ${fixed('0:7.61.1-25.el8_7.1')}`,
      `ELSA-2023-0946 Oracle Linux:8 openssl ${fixed('1:1.1.1k-9.el8_7')}`,
      `ELSA-2023-0946 Oracle Linux:8 openssl-libs ${fixed('1:1.1.1k-9.el8_7')}`,
      `ELSA-2023-0208 Oracle Linux:7 git ${fixed('0:1.8.3.1-24.el7_9')}`,
    ]);
    assert.deepEqual(records[1]?.aliases, ['CVE-2023-0286', 'CVE-2023-0215']);
    assert.deepEqual(records[1]?.database_specific, { severity: 'important' });
    assert.equal(records[1]?.modified, '2023-02-28T00:00:00Z');
    assertOsv(records);
  });
  it('oracle-linux-7 keeps only release 7 definitions, silently (others are expected there)', () => {
    const { records, warnings } = oracleLinuxFeed.convert(text, '7');
    assert.deepEqual(
      records.map((r) => r.id),
      ['ELSA-2023-0208'],
    );
    assert.deepEqual(warnings, []);
  });
});

describe('Bottlerocket BRSA (updateinfo.xml)', () => {
  it('gives one record under the bare Bottlerocket ecosystem, arches folded', () => {
    const { records, warnings } = bottlerocketFeed.convert(sample('bottlerocket/updateinfo.xml'), undefined);
    assert.deepEqual(warnings, []);
    assert.deepEqual(ranges(records), [
      `BRSA-2wqhrhlbavcd Bottlerocket systemd ${fixed('0:250.9-1.1675962484.ab1d2ee7')}`,
    ]);
    assert.deepEqual(records[0]?.aliases, ['CVE-2022-3821']);
    assertOsv(records);
  });
});

describe('feed registry and --feed NAME=LOCATION', () => {
  it('every converter family is a vendor feed family with its feed name', () => {
    for (const c of feedConverters) assert.equal(vendorFeedFamilies[c.family], c.name);
    assert.equal(Object.keys(vendorFeedFamilies).length, feedConverters.length);
  });
  it('parses the release from the name', () => {
    const spec = parseFeedSpec('amazon-linux-2023=/mirror/al2023');
    assert.deepEqual(
      [spec.converter.name, spec.release, spec.location],
      ['amazon-linux', '2023', '/mirror/al2023'],
    );
    assert.equal(parseFeedSpec('oracle-linux=https://x.test/elsa.xml.gz').release, undefined);
  });
  for (const bad of [
    'amazon-linux=/d',
    'amazon-linux-3=/d',
    'centos-7=/d',
    'oracle-linux-8',
    'bottlerocket-1=/d',
  ])
    it(`"${bad}" is a usage error`, () =>
      assert.throws(
        () => parseFeedSpec(bad),
        (err: unknown) => isBulwarkError(err) && err.code === 'USAGE',
      ));
});
