import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { assertGolden, blank } from '../../test-support/golden.js';
import { isBulwarkError } from '../errors.js';
import { sortFindings } from '../matcher/sort-findings.js';
import type { ScanResult } from '../matcher/types.js';
import { cycloneDxValidator, errorsText, sarifValidator } from '../sbom/format/testdata/schema-validators.js';
import { reportFormats, writeReport } from './reports.js';

const dir = new URL('testdata/', import.meta.url);
const result = JSON.parse(readFileSync(new URL('scan-result.json', dir), 'utf8')) as ScanResult;
const empty: ScanResult = { ...result, findings: [], suppressed: [] };

describe('reportFormats registry', () => {
  it('lists each format once', () => {
    assert.deepEqual(
      reportFormats.map((f) => f.name),
      ['table', 'json', 'sarif', 'cyclonedx', 'junit', 'html', 'template'],
    );
  });

  it('rejects an unknown name with USAGE and the valid names', () => {
    assert.throws(
      () => writeReport('pdf', result),
      (err: unknown) =>
        isBulwarkError(err, 'USAGE') && err.message.includes('table, json, sarif, cyclonedx, junit, html'),
    );
  });
});

describe('golden reports', () => {
  const volatile: Record<string, string[]> = { cyclonedx: ['metadata.timestamp'] };
  const ext: Record<string, string> = {
    table: 'txt',
    json: 'json',
    sarif: 'json',
    cyclonedx: 'json',
    junit: 'xml',
    html: 'html',
    template: 'txt',
  };
  // A Trivy-style CSV: every field a template author would reach for, and every helper.
  const template = [
    'id,severity,package,installed,fixed,title',
    '{{#each findings}}{{id}},{{severityName}},{{package.name}},{{installedVersion}},{{join fixedVersions ";"}},{{json summary}}',
    '{{/each}}{{#if (eq summary.total 0)}}clean{{else}}{{summary.total}} {{lower "FINDINGS"}} in {{upper image.ref}} {{escapeXml "<&>"}}{{/if}}',
  ].join('\n');
  for (const f of reportFormats) {
    it(f.name, () => {
      let text = writeReport(f.name, result, { deterministic: true, template });
      const paths = volatile[f.name];
      if (paths) text = `${JSON.stringify(blank(JSON.parse(text), paths), null, 2)}\n`;
      assertGolden(new URL(`scan-result.${f.name}.expected.${ext[f.name]}`, dir).pathname, text);
    });
  }
});

describe('json report', () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const schema = JSON.parse(
    readFileSync(new URL('../../../docs/report-json-schema.json', import.meta.url), 'utf8'),
  );
  const validate = ajv.compile(schema);

  it('validates against docs/report-json-schema.json, with and without findings', () => {
    for (const r of [result, empty]) {
      assert.ok(validate(JSON.parse(writeReport('json', r))), JSON.stringify(validate.errors));
    }
  });

  it('counts by severity, patchable and suppressed', () => {
    const doc = JSON.parse(writeReport('json', result));
    assert.deepEqual(doc.summary, {
      bySeverity: {
        CRITICAL: { total: 1, patchable: 1 },
        HIGH: { total: 2, patchable: 2 },
        MEDIUM: { total: 2, patchable: 2 },
        LOW: { total: 1, patchable: 0 },
        UNKNOWN: { total: 1, patchable: 0 },
      },
      total: 7,
      patchable: 5,
      suppressed: 1,
      filtered: { bySeverity: {}, unfixed: 0, devDependencies: 0, total: 0 },
    });
    assert.deepEqual(
      doc.findings.map((f: { id: string }) => f.id),
      [
        'CVE-2021-44228',
        'CVE-2024-2398',
        'CVE-2024-2961',
        // The matcher's order: within a severity, by package name (express before openssl).
        'CVE-2024-43796',
        'CVE-2023-5678',
        'CVE-2022-0563',
        'CVE-2023-45853',
      ],
    );
  });
});

describe('cyclonedx report', () => {
  const validate = cycloneDxValidator();
  it('validates against the CycloneDX 1.6 schema', () => {
    for (const r of [result, empty]) {
      assert.ok(validate(JSON.parse(writeReport('cyclonedx', r))), errorsText(validate));
    }
  });

  it('points every vulnerability at a component and marks suppressed ones with an analysis', () => {
    const bom = JSON.parse(writeReport('cyclonedx', result));
    const refs = new Set(bom.components.map((c: { 'bom-ref': string }) => c['bom-ref']));
    assert.equal(bom.vulnerabilities.length, 8);
    for (const v of bom.vulnerabilities) for (const a of v.affects) assert.ok(refs.has(a.ref), a.ref);
    const log4j = bom.vulnerabilities.find((v: { id: string }) => v.id === 'CVE-2021-44228');
    assert.deepEqual(log4j.ratings, [
      {
        score: 10,
        severity: 'critical',
        method: 'CVSSv31',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
      },
    ]);
    assert.equal(log4j.affects[0].ref, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1');
    const suppressed = bom.vulnerabilities.find((v: { id: string }) => v.id === 'CVE-2021-45046');
    assert.equal(suppressed.analysis.state, 'not_affected');
    assert.match(suppressed.analysis.detail, /vulnerable_code_not_in_execute_path/);
  });
});

describe('sarif report', () => {
  const validate = sarifValidator();

  it('validates against the official SARIF 2.1.0 schema, with and without findings', () => {
    for (const r of [result, empty]) {
      const doc = JSON.parse(writeReport('sarif', r));
      assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2));
      assert.equal(validate.errors ?? null, null);
    }
  });

  it('rejects broken SARIF, so the validator really checks', () => {
    const good = JSON.parse(writeReport('sarif', result));
    const breakers: [string, (doc: SarifDoc) => void, string][] = [
      [
        'unknown version',
        (d) => {
          d.version = '9';
        },
        '/version',
      ],
      [
        'result without message',
        (d) => {
          delete firstResult(d).message;
        },
        '/runs/0/results/0',
      ],
      [
        'unknown level',
        (d) => {
          firstResult(d).level = 'fatal';
        },
        '/runs/0/results/0/level',
      ],
    ];
    for (const [name, breakIt, path] of breakers) {
      const doc = structuredClone(good) as SarifDoc;
      breakIt(doc);
      assert.equal(validate(doc), false, `${name} passed validation`);
      assert.ok(
        validate.errors?.some((e) => e.instancePath === path),
        `${name}: ${JSON.stringify(validate.errors)}`,
      );
    }
  });

  it('has one rule per vulnerability id and levels by severity', () => {
    const sarif = JSON.parse(writeReport('sarif', result));
    const run = sarif.runs[0];
    assert.equal(sarif.version, '2.1.0');
    assert.equal(run.tool.driver.name, 'bulwark');
    assert.equal(run.tool.driver.rules.length, 7);
    const levels = Object.fromEntries(
      run.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
    );
    assert.deepEqual(levels, {
      'CVE-2021-44228': 'error',
      'CVE-2024-2398': 'error',
      'CVE-2024-2961': 'error',
      'CVE-2023-5678': 'warning',
      'CVE-2024-43796': 'warning',
      'CVE-2022-0563': 'note',
      'CVE-2023-45853': 'note',
    });
    const first = run.results[0];
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, first.ruleId);
    assert.equal(run.tool.driver.rules[0].properties['security-severity'], '10.0');
    assert.equal(
      first.locations[0].physicalLocation.artifactLocation.uri,
      'srv/app/lib/log4j-core-2.14.1.jar',
    );
    assert.equal(
      first.locations[0].logicalLocations[0].fullyQualifiedName,
      'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    );
  });
});

describe('junit report', () => {
  it('is well-formed and its counts match', () => {
    const xml = writeReport('junit', result);
    assertWellFormed(xml);
    assert.match(xml, /<testsuites [^>]*tests="7" failures="7"/);
    assert.equal((xml.match(/<testcase /g) ?? []).length, 7);
    assert.equal((xml.match(/<failure /g) ?? []).length, 7);
    for (const m of xml.matchAll(
      /<testsuite [^>]*tests="(\d+)" failures="(\d+)"[^>]*>([\s\S]*?)<\/testsuite>/g,
    )) {
      assert.equal((m[3]?.match(/<testcase /g) ?? []).length, Number(m[1]));
      assert.equal((m[3]?.match(/<failure /g) ?? []).length, Number(m[2]));
    }
  });

  it('gives a clean image one passing testcase', () => {
    const xml = writeReport('junit', empty);
    assertWellFormed(xml);
    assert.match(xml, /tests="1" failures="0"/);
    assert.match(xml, /<testcase [^>]*name="no vulnerabilities"\/>/);
  });

  it('escapes hostile text', () => {
    const xml = writeReport('junit', hostile());
    assertWellFormed(xml);
    assert.ok(!xml.includes('<script>'));
    assert.ok(xml.includes('&lt;script&gt;'));
  });
});

describe('html report', () => {
  it('escapes hostile strings and shows the counts', () => {
    const html = writeReport('html', hostile());
    assert.ok(!html.includes('<script>'), 'no raw script tag');
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(!/<(link|img|iframe)\b/.test(html), 'no external assets');
    assert.match(html, /data-severity="CRITICAL">1</);
    assert.match(html, /data-severity="HIGH">2</);
    assert.match(html, /data-severity="UNKNOWN">1</);
    assert.match(html, /Suppressed \(1\)/);
  });

  it('says so when there is nothing to report', () => {
    assert.match(writeReport('html', empty), /No vulnerabilities found/);
  });
});

describe('table report', () => {
  it('groups by package, worst first, and sums up', () => {
    const text = writeReport('table', result);
    const headers = text.split('\n').filter((l) => /^\S+ \S+ \(\w+, layer/.test(l));
    assert.equal(headers[0]?.split(' ')[0], 'org.apache.logging.log4j:log4j-core');
    assert.equal(headers.length, 7);
    assert.match(text, /CRITICAL\s+1 {2}\(1 patchable\)/);
    assert.match(text, /Total: 7 \(5 patchable\), 1 suppressed/);
    assert.match(text, /CVE-2022-0563\s+LOW\s+no fix/);
    assert.ok(!text.includes('\u001b['));
    assert.ok(writeReport('table', result, { color: true }).includes('\u001b['));
  });
});

type SarifResult = { message?: unknown; level: string };
type SarifDoc = { version: string; runs: { results: SarifResult[] }[] };

function firstResult(doc: SarifDoc): SarifResult {
  const r = doc.runs[0]?.results[0];
  assert.ok(r, 'fixture SARIF has a result');
  return r;
}

/**
 * The vendored OASIS schema is draft-04 (`id`, draft-04 `$schema`), which ajv 8 does not
 * load; renaming `id` to `$id` and dropping `$schema` is the whole upgrade, because the
 * schema uses no draft-04-only keywords (no boolean exclusiveMinimum/exclusiveMaximum).
 */

function hostile(): ScanResult {
  const copy = structuredClone(result);
  const f = copy.findings[0];
  if (f) f.summary = '<script>alert("x")</script> & more';
  return copy;
}

/** A small XML checker: every tag closes in order and attributes are quoted; enough for our writer. */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of body.matchAll(tag)) {
    const between = body.slice(last, m.index);
    assert.ok(!/[<>]/.test(between), `stray markup: ${between.slice(0, 60)}`);
    assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(between), `bad entity in: ${between.slice(0, 60)}`);
    last = (m.index ?? 0) + m[0].length;
    const [, closing, name, , selfClosing] = m;
    if (closing) assert.equal(stack.pop(), name, `unbalanced </${name}>`);
    else if (!selfClosing) stack.push(name ?? '');
  }
  assert.equal(body.slice(last).trim(), '');
  assert.deepEqual(stack, []);
}

describe('warnings and filtered counts reach every format', () => {
  const warned: ScanResult = {
    ...result,
    findings: result.findings.filter((f) => f.severity === 5),
    filtered: { bySeverity: { 4: 37, 1: 2 }, unfixed: 0, devDependencies: 3 },
    warnings: [
      {
        kind: 'missing-data',
        reason: 'no-data-for-release',
        ecosystem: 'Alpine:v3.11',
        packages: 14,
        message:
          'Alpine:v3.11: 14 OS packages not checked: the database has no advisories for this OS release',
      },
      {
        kind: 'os-eol',
        os: 'Alpine Linux v3.11',
        eolDate: '2021-11-01',
        message: 'Alpine Linux v3.11 is end-of-life',
      },
    ],
  };

  it('table: a warning line each, a hidden level is not a false zero, and what was filtered', () => {
    const text = writeReport('table', warned);
    assert.match(text, /^WARNING: Alpine:v3\.11: 14 OS packages not checked/m);
    assert.match(text, /^WARNING: Alpine Linux v3\.11 is end-of-life$/m);
    assert.match(text, /^HIGH +- +\(37 filtered out by --severity\)$/m);
    assert.doesNotMatch(text, /^HIGH +0/m);
    assert.match(text, /^Total: 1 \(1 patchable\), 1 suppressed, 42 filtered out$/m);
    assert.match(text, /^Filtered out: 37 HIGH, 2 UNKNOWN \(--severity\); 3 in dev dependencies/m);
  });

  it('json: warnings and summary.filtered, valid against the schema', () => {
    const doc = JSON.parse(writeReport('json', warned));
    assert.equal(doc.warnings.length, 2);
    assert.equal(doc.warnings[0].reason, 'no-data-for-release');
    assert.deepEqual(doc.summary.filtered, {
      bySeverity: { HIGH: 37, UNKNOWN: 2 },
      unfixed: 0,
      devDependencies: 3,
      total: 42,
    });
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats.default(ajv);
    const schema = JSON.parse(
      readFileSync(new URL('../../../docs/report-json-schema.json', import.meta.url), 'utf8'),
    );
    const validate = ajv.compile(schema);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
  });

  it('sarif: tool execution notifications, valid SARIF', () => {
    const doc = JSON.parse(writeReport('sarif', warned));
    const notes = doc.runs[0].invocations[0].toolExecutionNotifications;
    assert.deepEqual(
      notes.map((n: { descriptor: { id: string } }) => n.descriptor.id),
      ['bulwark/missing-data', 'bulwark/os-eol'],
    );
    const validate = sarifValidator();
    assert.ok(validate(doc), JSON.stringify(validate.errors));
  });

  it('junit: one skipped testcase per warning', () => {
    const xml = writeReport('junit', warned);
    assert.match(xml, /<testsuite name="bulwark warnings" tests="2" failures="0" errors="0" skipped="2"/);
    assert.match(xml, /<skipped message="Alpine:v3\.11: 14 OS packages not checked/);
  });

  it('html: the warnings (escaped) and the hidden levels', () => {
    const html = writeReport('html', {
      ...warned,
      warnings: [{ kind: 'db-stale', ageDays: 30, maxAgeDays: 7, message: 'old <db>' }],
    });
    assert.match(html, /<li class="warning">WARNING: old &lt;db&gt;<\/li>/);
    assert.match(html, /data-severity="HIGH">-<\/span>HIGH<div class="p">37 filtered out<\/div>/);
  });

  it('cyclonedx: metadata properties, valid CycloneDX', () => {
    const bom = JSON.parse(writeReport('cyclonedx', warned));
    const props = bom.metadata.properties.filter((p: { name: string }) =>
      p.name.startsWith('bulwark:warning'),
    );
    assert.equal(props.length, 2);
    assert.match(props[0].value, /Alpine:v3\.11: 14 OS packages not checked/);
    const validate = cycloneDxValidator();
    assert.ok(validate(bom), errorsText(validate));
  });
});

describe('findings order', () => {
  it('is the matcher order in every report, whatever order the result holds', () => {
    const shuffled: ScanResult = { ...result, findings: [...result.findings].reverse() };
    const expected = sortFindings(result.findings).map((f) => f.id);
    const doc = JSON.parse(writeReport('json', shuffled));
    assert.deepEqual(
      doc.findings.map((f: { id: string }) => f.id),
      expected,
    );
  });
});
