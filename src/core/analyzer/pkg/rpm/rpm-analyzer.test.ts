import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { AnalysisResult } from '../../types.js';
import { headerStrings, parseHeader, readRawHeader, rpmTag } from './parse-header.js';
import { readBdbBlobs } from './read-bdb.js';
import { readSqliteBlobs } from './read-sqlite.js';
import { rpmAnalyzer, splitSourceRpm } from './rpm-analyzer.js';

const here = new URL('.', import.meta.url).pathname;
const testdata = (name: string) => readFileSync(join(here, 'testdata', name));
const tempDir = mkdtempSync(join(tmpdir(), 'bulwark-rpm-'));
after(() => rmSync(tempDir, { recursive: true, force: true }));

async function analyze(path: string, content: Buffer): Promise<AnalysisResult> {
  return rpmAnalyzer.analyze({ path, size: content.length, mode: 0o644, content, tempDir });
}

/**
 * Recomputes a header's own SHA-1/SHA-256 digest (RPMTAG_SHA1HEADER/SHA256HEADER):
 * rpm hashes the immutable region as it stood in the package file, i.e. the header
 * magic, the region's entry count and data size, its index entries and its data.
 * A match proves the blob came out of the database byte for byte.
 */
function regionDigest(blob: Buffer, algorithm: 'sha1' | 'sha256'): string {
  const raw = readRawHeader(blob);
  assert.ok(typeof raw !== 'string', String(raw));
  const region = raw.entries.get(rpmTag.headerImmutable);
  assert.ok(region);
  const ril = -raw.data.readInt32BE(region.offset + 8) / 16;
  const rdl = region.offset + 16;
  const head = Buffer.from([0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  head.writeUInt32BE(ril, 8);
  head.writeUInt32BE(rdl, 12);
  const image = Buffer.concat([head, blob.subarray(8, 8 + ril * 16), raw.data.subarray(0, rdl)]);
  return createHash(algorithm).update(image).digest('hex');
}

describe('rpmAnalyzer.wants', () => {
  const table: Array<[string, boolean]> = [
    ['var/lib/rpm/Packages', true],
    ['var/lib/rpm/Packages.db', true],
    ['var/lib/rpm/rpmdb.sqlite', true],
    ['usr/lib/sysimage/rpm/rpmdb.sqlite', true],
    ['usr/lib/sysimage/rpm/Packages.db', true],
    ['var/lib/rpm/Name', false],
    ['var/lib/rpm/rpmdb.sqlite-wal', false],
    ['opt/var/lib/rpm/Packages', false],
  ];
  for (const [path, want] of table) {
    it(`${path} → ${want}`, () => assert.equal(rpmAnalyzer.wants({ path, size: 1, mode: 0o644 }), want));
  }
});

describe('splitSourceRpm', () => {
  const table: Array<[string, ReturnType<typeof splitSourceRpm>]> = [
    ['util-linux-2.32.1-42.el8_8.src.rpm', { name: 'util-linux', version: '2.32.1-42.el8_8' }],
    ['tilde-tool-2.0~rc1^git1-1.src.rpm', { name: 'tilde-tool', version: '2.0~rc1^git1-1' }],
    ['kernel-5.14.0-1.nosrc.rpm', { name: 'kernel', version: '5.14.0-1' }],
    ['odd', { name: 'odd' }],
    ['', undefined],
  ];
  for (const [file, want] of table) it(file || '(empty)', () => assert.deepEqual(splitSourceRpm(file), want));
});

describe('Berkeley DB (real files)', () => {
  it('EL8 libuuid: one package, exact fields, owned files, header digests intact', async () => {
    const content = testdata('libuuid-el8.Packages');
    const r = await analyze('var/lib/rpm/Packages', content);
    assert.deepEqual(r.unknowns, []);
    // Published for this very file by carabiner-dev/unpack (system/rpm/decomposer_test.go):
    // libuuid 2.32.1-42.el8_8 x86_64, BSD, upstream util-linux-2.32.1-42.el8_8.src.rpm, 7 paths.
    assert.deepEqual(r.packages, [
      {
        type: 'rpm',
        name: 'libuuid',
        version: '2.32.1-42.el8_8',
        arch: 'x86_64',
        licenses: ['BSD'],
        source: { name: 'util-linux', version: '2.32.1-42.el8_8' },
        path: 'var/lib/rpm/Packages',
      },
    ]);
    assert.deepEqual(r.ownedFiles, [
      'usr/lib/.build-id',
      'usr/lib/.build-id/df/ef6a880adac817216ab9866779a0725e017647',
      'usr/lib64/libuuid.so.1',
      'usr/lib64/libuuid.so.1.3.0',
      'usr/share/licenses/libuuid',
      'usr/share/licenses/libuuid/COPYING',
      'usr/share/licenses/libuuid/COPYING.BSD-3',
    ]);
    const [blob] = readBdbBlobs(content).blobs;
    assert.ok(blob);
    const raw = readRawHeader(blob);
    assert.ok(typeof raw !== 'string');
    assert.ok(parseHeader(blob).ok);
    // Second route: the header's own digests, and its SIGMD5 as the same test publishes it.
    assert.equal(regionDigest(blob, 'sha1'), headerStrings(raw, rpmTag.sha1Header)?.[0]);
    assert.equal(regionDigest(blob, 'sha256'), headerStrings(raw, rpmTag.sha256Header)?.[0]);
    const md5 = raw.entries.get(261);
    assert.ok(md5);
    assert.equal(raw.data.toString('hex', md5.offset, md5.offset + 16), 'c1e561f13d39aee443a1f00258fba000');
  });

  it('dive: the values syft publishes for this file', async () => {
    const content = testdata('dive.Packages');
    const r = await analyze('var/lib/rpm/Packages', content);
    assert.deepEqual(r.unknowns, []);
    // anchore/syft syft/pkg/cataloger/redhat/parse_rpm_db_test.go: dive 0.9.2-1, no epoch,
    // x86_64, dive-0.9.2-1.src.rpm, MIT.
    assert.deepEqual(r.packages, [
      {
        type: 'rpm',
        name: 'dive',
        version: '0.9.2-1',
        arch: 'x86_64',
        licenses: ['MIT'],
        source: { name: 'dive', version: '0.9.2-1' },
        path: 'var/lib/rpm/Packages',
      },
    ]);
    assert.deepEqual(r.ownedFiles, ['usr/local/bin/dive']);
    const [blob] = readBdbBlobs(content).blobs;
    assert.ok(blob);
    const raw = readRawHeader(blob);
    assert.ok(typeof raw !== 'string');
    assert.equal(regionDigest(blob, 'sha256'), headerStrings(raw, rpmTag.sha256Header)?.[0]);
  });
});

interface Truth {
  name: string;
  epoch: string;
  version: string;
  release: string;
  arch: string;
  sourceRpm: string;
  license: string;
  files: string[];
}

/** Asks Debian's rpm itself what the database holds. */
function rpmQueryAll(dbDir: string): Truth[] {
  const qf =
    '%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\t[%{FILENAMES}|]\\n';
  const out = execFileSync('rpm', ['-qa', '--dbpath', dbDir, '--qf', qf], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const [
        name = '',
        epoch = '',
        version = '',
        release = '',
        arch = '',
        sourceRpm = '',
        license = '',
        files = '',
      ] = line.split('\t');
      return {
        name,
        epoch,
        version,
        release,
        arch,
        sourceRpm,
        license,
        files: files.split('|').filter(Boolean),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe('SQLite (real database built by rpmbuild + rpm in this test)', () => {
  const outDir = join(tempDir, 'fixture');
  execFileSync('bash', [join(here, '../../../../../scripts/make-rpm-fixture.sh'), outDir], { stdio: 'pipe' });
  const dbDir = join(outDir, 'db');
  const built = readFileSync(join(dbDir, 'rpmdb.sqlite'));
  const truth = rpmQueryAll(dbDir);

  it('rpm itself lists the expected packages (sanity of the fixture)', () => {
    assert.deepEqual(
      truth.map((t) => t.name),
      ['empty-meta', 'gpg-pubkey', 'hello', 'hello-libs', 'tilde-tool'],
    );
  });

  it('every header field and file list agrees with rpm -qa', () => {
    const { blobs, problems } = readSqliteBlobs(built, tempDir);
    assert.deepEqual(problems, []);
    const ours = blobs
      .map((b) => {
        const r = parseHeader(b);
        assert.ok(r.ok, r.ok ? '' : r.reason);
        const h = r.header;
        return {
          name: h.name,
          epoch: h.epoch === undefined ? '(none)' : String(h.epoch),
          version: h.version,
          release: h.release,
          arch: h.arch || '(none)',
          sourceRpm: h.sourceRpm || '(none)',
          license: h.license,
          files: h.files,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(ours, truth);
  });

  it('analyzer output: epoch in version, source from the source rpm, gpg-pubkey skipped', async () => {
    const r = await analyze('usr/lib/sysimage/rpm/rpmdb.sqlite', built);
    assert.deepEqual(r.unknowns, []);
    const byName = new Map((r.packages ?? []).map((p) => [p.name, p]));
    assert.deepEqual([...byName.keys()].sort(), ['empty-meta', 'hello', 'hello-libs', 'tilde-tool']);
    for (const t of truth.filter((x) => x.name !== 'gpg-pubkey')) {
      const p = byName.get(t.name);
      const vr = `${t.version}-${t.release}`;
      const epoch = t.epoch === '(none)' ? undefined : Number(t.epoch);
      assert.equal(p?.version, epoch === undefined ? vr : `${epoch}:${vr}`);
      assert.equal(p?.epoch, epoch);
      assert.equal(p?.arch, t.arch);
      assert.deepEqual(p?.licenses, [t.license]);
      assert.equal(p?.source?.name, t.sourceRpm.replace(/-[^-]+-[^-]+\.src\.rpm$/, ''));
    }
    assert.equal(byName.get('hello-libs')?.version, '2:1.4.2-3.el9');
    assert.deepEqual(byName.get('hello-libs')?.source, { name: 'hello', version: '2:1.4.2-3.el9' });
    assert.equal(byName.get('tilde-tool')?.version, '2.0~rc1^git20240101.abc-1');
    assert.deepEqual(
      [...(r.ownedFiles ?? [])].sort(),
      truth.flatMap((t) => t.files.map((f) => f.slice(1))).sort(),
    );
  });

  it('the committed testdata/rpmdb.sqlite reads the same as a fresh build', async () => {
    const fresh = await analyze('var/lib/rpm/rpmdb.sqlite', built);
    const committed = await analyze('var/lib/rpm/rpmdb.sqlite', testdata('rpmdb.sqlite'));
    assert.deepEqual(committed, fresh);
  });
});

describe('bad input becomes an unknown naming the file, never a throw', () => {
  const garbage = Buffer.from('this is not a database at all'.repeat(200));
  const sqliteHeaderOnly = Buffer.concat([testdata('rpmdb.sqlite').subarray(0, 4096), garbage]);
  const cases: Array<[string, string, Buffer, RegExp]> = [
    [
      'truncated BDB',
      'var/lib/rpm/Packages',
      testdata('libuuid-el8.Packages').subarray(0, 20000),
      /truncated/,
    ],
    ['garbage BDB', 'var/lib/rpm/Packages', garbage, /bad magic/],
    ['garbage sqlite', 'var/lib/rpm/rpmdb.sqlite', garbage, /not an SQLite database/],
    ['corrupt sqlite', 'var/lib/rpm/rpmdb.sqlite', sqliteHeaderOnly, /cannot read the SQLite database/],
    ['garbage NDB', 'usr/lib/sysimage/rpm/Packages.db', garbage, /not an rpm NDB/],
    ['empty NDB', 'var/lib/rpm/Packages.db', Buffer.alloc(0), /not an rpm NDB/],
  ];
  for (const [name, path, content, reason] of cases) {
    it(name, async () => {
      const r = await analyze(path, content);
      assert.ok((r.unknowns ?? []).length > 0);
      for (const u of r.unknowns ?? []) {
        assert.equal(u.path, path);
        assert.ok(!u.reason.includes(path), u.reason);
      }
      assert.ok(
        (r.unknowns ?? []).some((u) => reason.test(u.reason)),
        JSON.stringify(r.unknowns),
      );
    });
  }
});
