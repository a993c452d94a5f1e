import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { scanCommand } from '../../src/cli/commands/scan.js';
import { importAdvisories } from '../../src/core/advisory/import.js';
import type { ScanResult } from '../../src/core/matcher/types.js';
import { reportFormats, writeReport } from '../../src/core/report/reports.js';
import { encodeSbom } from '../../src/core/sbom/format/sbom-formats.js';
import {
  cycloneDxValidator,
  errorsText,
  sarifValidator,
  spdxValidator,
} from '../../src/core/sbom/format/testdata/schema-validators.js';
import { scanImage, scanSbomFile } from '../../src/core/scan/scan-image.js';
import { run } from '../../src/test-support/components.js';
import { debianRootfs, dpkgQuery, importDebianImage } from '../../src/test-support/debian-rootfs.js';
import { assertGolden, blankText, type Replacements } from '../../src/test-support/golden.js';
import { dockerSaveTo } from '../../src/test-support/registry-push.js';
import { type SourceVersions, scanDebianRecords } from './scan-debian-records.js';

// The real bookworm image (mmdebstrap + jq), saved by the real test dockerd, scanned
// against Debian:12 records written relative to what dpkg-query says is installed.
const tag = 'bulwark-test/debian:bookworm';
const now = new Date('2024-06-01T00:00:00Z');
let work: string;
let archive: string;
let dbPath: string;
let rows: { name: string; version: string; source: string; sourceVersion: string }[];
let versions: SourceVersions;
let result: ScanResult;

function sourceVersion(source: string): string {
  const row = rows.find((r) => r.source === source);
  assert.ok(row, `the image has no package built from ${source}`);
  return row.sourceVersion;
}

/** Everything that changes between runs or bookworm point releases, blanked. */
function replacements(): Replacements {
  const out: Replacements = [
    [`${versions.jq}+1`, '<JQ_FIXED>'],
    [`${versions.zlib}~1`, '<ZLIB_FIXED>'],
    [versions.jq, '<JQ_VERSION>'],
    [versions.glibc, '<GLIBC_VERSION>'],
    [versions.zlib, '<ZLIB_VERSION>'],
    [archive, '<ARCHIVE>'],
    [dbPath, '<DB>'],
    [work, '<WORK>'],
  ];
  for (const row of rows) {
    if (['jq', 'glibc'].includes(row.source) && row.version !== row.sourceVersion) {
      out.push([row.version, `<${row.name.toUpperCase()}_VERSION>`]);
    }
  }
  return out;
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-scan-e2e-'));
  const rootfs = await debianRootfs();
  rows = (await dpkgQuery(rootfs.tarPath)).map((r) => ({
    name: r.package,
    version: r.version,
    source: r.source,
    sourceVersion: r.sourceVersion,
  }));
  versions = { jq: sourceVersion('jq'), glibc: sourceVersion('glibc'), zlib: sourceVersion('zlib') };
  await importDebianImage(tag);
  archive = join(work, 'debian.tar');
  await dockerSaveTo(tag, archive);
  const recordsDir = join(work, 'osv');
  await run('mkdir', ['-p', recordsDir]);
  for (const record of scanDebianRecords(versions)) {
    await writeFile(join(recordsDir, `${record.id}.json`), JSON.stringify(record, null, 2));
  }
  dbPath = join(work, 'vuln.db');
  await importAdvisories(dbPath, [recordsDir]);
  result = await scanImage(`docker-archive:${archive}`, { dbPath, now, sbom: { cacheDir: false } });
});
after(() => rm(work, { recursive: true, force: true }));

function summary(findings: ScanResult['findings']): string[] {
  return findings
    .map(
      (f) =>
        `${f.id} ${f.package.name} ${f.installedVersion} fixed=${f.fixedVersions.join(',')} sev=${f.severity}`,
    )
    .sort();
}

/**
 * Keeps goldens to what the scan decides: the CycloneDX document without the ~100
 * components no finding points at (their versions follow bookworm), and the table
 * without column padding (widths follow version lengths).
 */
function trim(format: string, text: string): string {
  if (format === 'table') return text.replace(/ {2,}/g, '  ');
  if (format !== 'cyclonedx') return text;
  const bom = JSON.parse(text) as {
    components?: { 'bom-ref': string }[];
    dependencies?: unknown;
    vulnerabilities?: { affects: { ref: string }[] }[];
  };
  const refs = new Set((bom.vulnerabilities ?? []).flatMap((v) => v.affects.map((a) => a.ref)));
  bom.components = (bom.components ?? []).filter((c) => refs.has(c['bom-ref']));
  delete bom.dependencies;
  return `${JSON.stringify(bom, null, 2)}\n`;
}

describe('bulwark scan on the real Debian image', () => {
  test('gives exactly the expected findings', () => {
    const jqBinaries = rows.filter((r) => r.source === 'jq');
    const glibcBinaries = rows.filter((r) => r.source === 'glibc');
    assert.ok(
      jqBinaries.some((r) => r.name === 'libjq1'),
      'libjq1 (source jq) is installed',
    );
    assert.ok(
      glibcBinaries.some((r) => r.name === 'libc6'),
      'libc6 (source glibc) is installed',
    );
    const expected = [
      ...jqBinaries.map((r) => `CVE-2099-0001 ${r.name} ${r.version} fixed=${versions.jq}+1 sev=4`),
      ...glibcBinaries.map((r) => `CVE-2099-0002 ${r.name} ${r.version} fixed= sev=2`),
    ].sort();
    assert.deepEqual(summary(result.findings), expected);
    const jq = result.findings.find((f) => f.package.name === 'jq')!;
    assert.deepEqual([...jq.aliases].sort(), ['DEBIAN-CVE-2099-0001', 'DSA-9001-1']);
    assert.equal(jq.cvss?.score, 7.5);
    assert.equal(jq.ageDays, 138);
    assert.equal(jq.package.location.layer?.index, 0);
    const libc = result.findings.find((f) => f.package.name === 'libc6')!;
    assert.equal(libc.severitySource, 'distro');
    assert.equal(libc.patchable, false);
    assert.equal(libc.evidence[0]?.via, 'source');
    assert.equal(result.suppressed.length, 0);
  });

  // The template format has no fixed output: src/core/report/reports.test.ts covers it.
  for (const format of reportFormats.filter((f) => f.name !== 'template')) {
    test(`${format.name} report matches its golden file`, () => {
      const text = writeReport(format.name, result, { deterministic: true });
      const ext = (<Record<string, string>>{
        table: 'txt',
        json: 'json',
        sarif: 'sarif.json',
        cyclonedx: 'cdx.json',
        junit: 'xml',
        html: 'html',
      })[format.name];
      assertGolden(
        join(import.meta.dirname, 'golden', `scan-debian.expected.${ext ?? format.name}`),
        trim(format.name, blankText(text, replacements())),
      );
    });
  }

  test('the CycloneDX report validates against the CycloneDX 1.6 schema', () => {
    const validate = cycloneDxValidator();
    const bom = JSON.parse(writeReport('cyclonedx', result)) as { vulnerabilities: unknown[] };
    assert.ok(validate(structuredClone(bom)), errorsText(validate));
    assert.equal(bom.vulnerabilities.length, new Set(result.findings.map((f) => f.id)).size);
  });

  test('the SARIF report validates against the SARIF 2.1.0 schema', () => {
    const sarif = JSON.parse(writeReport('sarif', result));
    const validate = sarifValidator();
    assert.ok(validate(structuredClone(sarif)), errorsText(validate));
    assert.equal(sarif.version, '2.1.0');
    const results = sarif.runs[0].results as { ruleId: string; level: string }[];
    assert.deepEqual(results.map((r) => r.ruleId).sort(), result.findings.map((f) => f.id).sort());
    const rules = new Set(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id));
    for (const r of results) {
      assert.ok(rules.has(r.ruleId));
      assert.ok(['error', 'warning', 'note', 'none'].includes(r.level));
    }
  });

  test("the image's CycloneDX and SPDX SBOMs validate against their schemas", () => {
    const cdx = cycloneDxValidator();
    assert.ok(cdx(JSON.parse(encodeSbom('cyclonedx', result.sbom))), errorsText(cdx));
    const spdx = spdxValidator();
    const doc = JSON.parse(encodeSbom('spdx-json', result.sbom)) as { packages: unknown[] };
    assert.ok(spdx(doc), errorsText(spdx));
    assert.equal(doc.packages.length, result.sbom.packages.length + 2, 'every package, the image and the OS');
  });

  test('scan sbom: a CycloneDX SBOM of the image gives the same findings', async () => {
    const path = join(work, 'debian.cdx.json');
    await writeFile(path, encodeSbom('cyclonedx', result.sbom));
    const fromFile = await scanSbomFile(path, { dbPath, now });
    assert.deepEqual(summary(fromFile.findings), summary(result.findings));
  });
});

/** Runs a command in-process; its output goes to `-o` files (stdout carries the test report). */
async function cli(command: 'scan' | 'explain', args: string[]): Promise<{ code: number; stdout: string }> {
  const out = join(work, `${command}-${Math.random().toString(36).slice(2)}.out`);
  const hasOutput = args.includes('-o');
  process.exitCode = undefined;
  try {
    const program = command === 'scan' ? scanCommand() : explainCommand();
    await program.exitOverride().parseAsync(hasOutput ? args : [...args, '-o', out], { from: 'user' });
    const code = Number(process.exitCode ?? 0);
    return { code, stdout: hasOutput ? '' : await readFile(out, 'utf8') };
  } finally {
    process.exitCode = undefined;
  }
}

describe('bulwark scan / explain command lines', () => {
  const image = () => `docker-archive:${archive}`;
  const base = () => ['image', image(), '--db', dbPath, '--no-cache'];

  test('no fail condition: exit 0, JSON report on --output', async () => {
    const out = join(work, 'report.json');
    const { code } = await cli('scan', [...base(), '-f', 'json', '-o', out]);
    assert.equal(code, 0);
    assert.ok((await readFile(out, 'utf8')).includes('CVE-2099-0001'));
  });

  test('--fail-on-severity high with --exit-code 3 exits 3', async () => {
    const { code } = await cli('scan', [
      ...base(),
      '-o',
      join(work, 'r.txt'),
      '--fail-on-severity',
      'high',
      '--exit-code',
      '3',
    ]);
    assert.equal(code, 3);
  });

  test('--fail-max high=2 passes for the two jq findings; --fail-id by alias fails with 1', async () => {
    const jqCount = rows.filter((r) => r.source === 'jq').length;
    const pass = await cli('scan', [...base(), '-o', join(work, 'r.txt'), '--fail-max', `high=${jqCount}`]);
    assert.equal(pass.code, 0);
    const fail = await cli('scan', [...base(), '-o', join(work, 'r.txt'), '--fail-id', 'DSA-9001-1']);
    assert.equal(fail.code, 1);
  });

  test('--ignore-unfixed and --fail-only-patchable leave the glibc finding out', async () => {
    const out = join(work, 'unfixed.json');
    const { code } = await cli('scan', [
      ...base(),
      '-f',
      'json',
      '-o',
      out,
      '--ignore-unfixed',
      '--fail-max',
      'low=0',
    ]);
    assert.equal(code, 0);
    assert.ok(!(await readFile(out, 'utf8')).includes('CVE-2099-0002'));
    const counted = await cli('scan', [...base(), '-o', join(work, 'r.txt'), '--fail-max', 'low=0']);
    assert.equal(counted.code, 1);
    const patchable = await cli('scan', [
      ...base(),
      '-o',
      join(work, 'r.txt'),
      '--fail-max',
      'low=0',
      '--fail-only-patchable',
    ]);
    assert.equal(patchable.code, 0);
  });

  test('--ignore-file suppresses by alias; the JSON report lists it as suppressed', async () => {
    const ignore = join(work, 'ignore.yaml');
    await writeFile(ignore, 'ignore:\n  - id: DSA-9001-1\n    reason: jq is only used at build time\n');
    const out = join(work, 'ignored.json');
    const { code } = await cli('scan', [
      ...base(),
      '-f',
      'json',
      '-o',
      out,
      '--ignore-file',
      ignore,
      '--fail-on-severity',
      'high',
    ]);
    assert.equal(code, 0);
    const report = JSON.parse(await readFile(out, 'utf8')) as { findings: { id: string }[] };
    assert.ok(!report.findings.some((f) => f.id === 'CVE-2099-0001'));
    assert.match(await readFile(out, 'utf8'), /jq is only used at build time/);
  });

  test('explain says why the backported zlib is not affected', async () => {
    const { stdout } = await cli('explain', ['CVE-2099-0003', image(), '--db', dbPath, '--no-cache']);
    assert.match(stdout, /is NOT affected by CVE-2099-0003/);
    assert.ok(stdout.includes(`Debian:12 zlib ${versions.zlib} >= fixed ${versions.zlib}~1`), stdout);
  });

  test('explain shows the range and fix of an affecting advisory', async () => {
    const { stdout } = await cli('explain', ['DSA-9001-1', image(), '--db', dbPath, '--no-cache']);
    assert.match(stdout, /IS affected by DSA-9001-1/);
    assert.ok(stdout.includes(`< fixed ${versions.jq}+1`), stdout);
    assert.ok(stdout.includes('through source package jq'), stdout);
  });

  test('explain on a withdrawn advisory says it is withdrawn', async () => {
    const { stdout } = await cli('explain', ['CVE-2099-0004', image(), '--db', dbPath, '--no-cache']);
    assert.match(stdout, /NOT affected/);
    assert.match(stdout, /withdrawn/);
  });
});
