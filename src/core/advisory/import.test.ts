import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { zipSync } from 'fflate';
import {
  goDir,
  leftovers,
  pypiDir,
  rawRecords,
  sha256,
  tempDir,
  zipEntries,
} from '../../test-support/advisory-test-helpers.js';
import { isBulwarkError } from '../errors.js';
import { importAdvisories } from './import.js';
import type { OsvRecord } from './osv-types.js';
import { AdvisoryStore } from './store.js';

const goRecords = rawRecords(goDir);
const pypiRecords = rawRecords(pypiDir);

/** Ids of the raw records naming this package: computed from the files, not the store. */
function truthIds(records: { record: OsvRecord }[], ecosystem: string, name: string): string[] {
  return records
    .filter(({ record }) =>
      record.affected?.some((a) => a.package?.ecosystem === ecosystem && a.package.name === name),
    )
    .map(({ record }) => record.id)
    .sort();
}

function withStore<T>(dbPath: string, fn: (store: AdvisoryStore) => T): T {
  const store = AdvisoryStore.open(dbPath);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

const ids = (records: OsvRecord[]): string[] => records.map((r) => r.id).sort();

function checkRealRecords(dbPath: string): void {
  withStore(dbPath, (store) => {
    for (const [ecosystem, name] of [
      ['Go', 'golang.org/x/net'],
      ['Go', 'stdlib'],
      ['Go', 'github.com/gin-gonic/gin'],
      ['PyPI', 'jinja2'],
      ['PyPI', 'django'],
    ] as const) {
      const truth = truthIds(ecosystem === 'Go' ? goRecords : pypiRecords, ecosystem, name);
      assert.ok(truth.length > 0, `${name} has records in testdata`);
      assert.deepEqual(ids(store.lookup(ecosystem, name)), truth, `${ecosystem}/${name}`);
    }
    // PEP 503: the advisory says jw.util and jinja2; pip would accept any of these spellings.
    assert.deepEqual(ids(store.lookup('PyPI', 'JW_Util')), ['PYSEC-2020-341']);
    assert.deepEqual(ids(store.lookup('PyPI', 'Jinja2')), truthIds(pypiRecords, 'PyPI', 'jinja2'));
    assert.deepEqual(store.lookup('Go', 'Jinja2'), [], 'only PyPI names are case-folded');
    assert.deepEqual(store.lookup('PyPI', 'golang.org/x/net'), [], 'ecosystem is part of the key');
    // By alias (CVE and GHSA) and by id; the stored record is the file's record.
    assert.equal(store.get('CVE-2021-32807')?.id, 'PYSEC-2021-335');
    assert.equal(store.get('GHSA-qcx9-j53g-ccgf')?.id, 'PYSEC-2021-335');
    assert.deepEqual(
      store.get('GO-2020-0001'),
      goRecords.find((r) => r.record.id === 'GO-2020-0001')?.record,
    );
    assert.equal(store.get('CVE-1999-0000'), undefined);
    // Withdrawn records are returned; the matcher decides.
    assert.ok(store.get('GO-2022-0617')?.withdrawn);
    const status = store.status();
    assert.deepEqual(status.ecosystems, { Go: 10, PyPI: 10 });
    assert.equal(status.recordCount, 20);
    assert.equal(status.withdrawnCount, 1);
  });
}

describe('importAdvisories', () => {
  it('imports directories of JSON and YAML (recursive)', async () => {
    const dbPath = join(tempDir(), 'db', 'vuln.db');
    const summary = await importAdvisories(dbPath, [goDir, pypiDir]);
    assert.equal(summary.files, 20);
    assert.equal(summary.imported, 20);
    assert.equal(summary.skipped, 0);
    assert.deepEqual(summary.byEcosystem, { Go: 10, PyPI: 10 });
    assert.equal(summary.totalRecords, 20);
    checkRealRecords(dbPath);
  });

  it('imports a zip archive and a JSON array file', async () => {
    const dir = tempDir();
    const zip = join(dir, 'osv.zip');
    writeFileSync(
      zip,
      zipSync({
        ...zipEntries(
          goRecords.map((r) => r.record),
          'go/',
        ),
        // YAML inside a zip, with a nested folder, as a mirror might ship it.
        ...Object.fromEntries(pypiRecords.map((r) => [`pypi/${r.record.id}.yaml`, readFileSync(r.path)])),
      }),
    );
    const dbPath = join(dir, 'vuln.db');
    const summary = await importAdvisories(dbPath, [zip]);
    assert.equal(summary.files, 20);
    checkRealRecords(dbPath);

    const arrayFile = join(dir, 'array.json');
    writeFileSync(arrayFile, JSON.stringify(goRecords.slice(0, 3).map((r) => r.record)));
    const second = join(dir, 'second.db');
    const arraySummary = await importAdvisories(second, [arrayFile]);
    assert.equal(arraySummary.imported, 3);
    withStore(second, (store) => assert.equal(store.status().recordCount, 3));
  });

  it('adds to the existing database, and --replace starts over', async () => {
    const dbPath = join(tempDir(), 'vuln.db');
    await importAdvisories(dbPath, [goDir]);
    await importAdvisories(dbPath, [pypiDir]);
    withStore(dbPath, (store) => assert.deepEqual(store.status().ecosystems, { Go: 10, PyPI: 10 }));
    const replaced = await importAdvisories(dbPath, [pypiDir], { replace: true });
    assert.equal(replaced.totalRecords, 10);
    withStore(dbPath, (store) => {
      assert.deepEqual(store.status().ecosystems, { PyPI: 10 });
      assert.deepEqual(store.lookup('Go', 'stdlib'), []);
    });
  });

  it('removes temp files a killed run left behind, but not those of a live process', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'vuln.db');
    const dead = '.vuln.db.tmp-3999999-dead';
    const live = `.vuln.db.download-${process.pid}-live.zip`;
    writeFileSync(join(dir, dead), 'half a database');
    writeFileSync(join(dir, live), 'a download in progress');
    await importAdvisories(dbPath, [goDir]);
    assert.deepEqual(leftovers(dir), [live]);
  });

  it('keeps the newer copy of a record and drops records gone from a re-imported path', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    mkdirSync(src);
    const base = goRecords[0]!.record;
    const older = { ...base, modified: '2000-01-01T00:00:00Z', summary: 'old' };
    const newer = { ...base, modified: '2030-01-01T00:00:00Z', summary: 'new' };
    writeFileSync(join(src, 'a.json'), JSON.stringify(newer));
    writeFileSync(join(src, 'b.json'), JSON.stringify(goRecords[1]!.record));
    const dbPath = join(dir, 'vuln.db');
    await importAdvisories(dbPath, [src]);
    const oldFile = join(dir, 'old.json');
    writeFileSync(oldFile, JSON.stringify(older));
    const summary = await importAdvisories(dbPath, [oldFile]);
    assert.equal(summary.imported, 0, 'an older copy is not written');
    withStore(dbPath, (store) => assert.equal(store.get(base.id)?.summary, 'new'));
    // b.json disappears from the directory: re-importing the directory forgets it.
    writeFileSync(join(src, 'b.json'), JSON.stringify([]));
    await importAdvisories(dbPath, [src]);
    withStore(dbPath, (store) => {
      assert.equal(store.get(goRecords[1]!.record.id), undefined);
      assert.equal(store.get(base.id)?.summary, 'new');
    });
  });

  it('skips a record with an unknown ecosystem, with a warning naming the file', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    mkdirSync(src);
    copyFileSync(join(goDir, 'GO-2020-0001.json'), join(src, 'good.json'));
    const alien = {
      id: 'OSV-2099-1',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'Frobnicator', name: 'x' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
        },
      ],
    };
    writeFileSync(join(src, 'alien.json'), JSON.stringify(alien));
    const dbPath = join(dir, 'vuln.db');
    const summary = await importAdvisories(dbPath, [src]);
    assert.equal(summary.imported, 1);
    assert.equal(summary.skipped, 1);
    assert.equal(summary.warnings.length, 1);
    assert.match(summary.warnings[0]!, /alien\.json: skipped OSV-2099-1: unknown ecosystem Frobnicator/);
    withStore(dbPath, (store) => {
      assert.equal(store.get('OSV-2099-1'), undefined);
      assert.equal(store.get('GO-2020-0001')?.id, 'GO-2020-0001');
    });
  });

  it('stores a record whose range versions do not parse (the matcher judges them)', async () => {
    const dir = tempDir();
    const odd = {
      id: 'PYSEC-2099-7',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'Odd_Pkg' },
          ranges: [
            { type: 'ECOSYSTEM', events: [{ introduced: 'not a version!!' }, { fixed: '1.0~~garbage' }] },
          ],
        },
      ],
    };
    writeFileSync(join(dir, 'odd.json'), JSON.stringify(odd));
    const dbPath = join(dir, 'vuln.db');
    await importAdvisories(dbPath, [join(dir, 'odd.json')]);
    withStore(dbPath, (store) => {
      const [found] = store.lookup('PyPI', 'odd-pkg');
      assert.deepEqual(found?.affected?.[0]?.ranges, odd.affected[0]!.ranges);
    });
  });
});

describe('importAdvisories on bad input leaves the database untouched', () => {
  const good = Buffer.from(zipSync(zipEntries(goRecords.map((r) => r.record))));
  const stored = Buffer.from(zipSync(zipEntries(goRecords.map((r) => r.record)), { level: 0 }));
  // With no compression the member bytes are plain JSON: flip one inside GO-2020-0001's data.
  const crcBroken = Buffer.from(stored);
  const at = stored.indexOf('"GO-2020-0001"') + 2;
  crcBroken.writeUInt8(crcBroken.readUInt8(at) ^ 0x01, at);
  const record = goRecords[0]!.record;

  const cases: { name: string; file: string; content: Buffer | string; code: string; message: RegExp }[] = [
    {
      name: 'not a zip at all',
      file: 'junk.zip',
      content: Buffer.from('PK\x03\x04 this is not really a zip'),
      code: 'ADVISORY_SOURCE',
      message: /junk\.zip: corrupt zip archive/,
    },
    {
      name: 'truncated zip',
      file: 'cut.zip',
      content: good.subarray(0, Math.floor(good.length / 2)),
      code: 'ADVISORY_SOURCE',
      message: /cut\.zip: corrupt zip archive: not a zip archive, or truncated/,
    },
    {
      name: 'zip member with a bad CRC',
      file: 'crc.zip',
      content: crcBroken,
      code: 'ADVISORY_SOURCE',
      message: /crc\.zip: corrupt zip archive: member GO-2020-0001\.json: CRC-32 mismatch/,
    },
    {
      name: 'truncated JSON',
      file: 'cut.json',
      content: JSON.stringify(record).slice(0, 200),
      code: 'ADVISORY_INVALID',
      message: /cut\.json: invalid JSON/,
    },
    {
      name: 'invalid YAML',
      file: 'bad.yaml',
      content: 'id: [unclosed\nmodified: x',
      code: 'ADVISORY_INVALID',
      message: /bad\.yaml: invalid YAML/,
    },
    {
      name: 'record without modified',
      file: 'nomod.json',
      content: JSON.stringify({ id: 'GO-2099-1' }),
      code: 'ADVISORY_INVALID',
      message: /nomod\.json: record GO-2099-1: "modified" must be/,
    },
    {
      name: 'event with two keys',
      file: 'event.json',
      content: JSON.stringify({
        ...record,
        affected: [
          {
            package: { ecosystem: 'Go', name: 'x' },
            ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1.0.0' }] }],
          },
        ],
      }),
      code: 'ADVISORY_INVALID',
      message:
        /event\.json: record GO-2020-0001: affected\[0\]\.ranges\[0\]\.events\[0\] must have exactly one/,
    },
    {
      name: 'package without a name',
      file: 'noname.json',
      content: JSON.stringify({ ...record, affected: [{ package: { ecosystem: 'Go' } }] }),
      code: 'ADVISORY_INVALID',
      message: /noname\.json: record GO-2020-0001: affected\[0\]\.package\.name is missing/,
    },
    {
      name: 'a missing path',
      file: '',
      content: '',
      code: 'ADVISORY_SOURCE',
      message: /does-not-exist: cannot read/,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const dir = tempDir();
      const dbPath = join(dir, 'vuln.db');
      await importAdvisories(dbPath, [pypiDir]);
      const before = sha256(dbPath);
      const input = join(dir, c.file || 'does-not-exist');
      if (c.file) writeFileSync(input, c.content);
      // The bad file comes after a good input, so some records were already written to the copy.
      await assert.rejects(importAdvisories(dbPath, [goDir, input]), (err: unknown) => {
        assert.ok(isBulwarkError(err), String(err));
        assert.equal(err.code, c.code);
        assert.match(err.message, c.message);
        assert.ok(!err.message.includes('\n'), 'one line');
        return true;
      });
      assert.equal(sha256(dbPath), before, 'database file unchanged');
      assert.deepEqual(leftovers(dir), [], 'no temporary files left');
      withStore(dbPath, (store) => assert.equal(store.status().recordCount, 10));
    });
  }
});

describe('importAdvisories: archives and what is not OSV', () => {
  it('imports a .tar.gz and a .tgz made by tar, like a zip', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    mkdirSync(join(src, 'go'), { recursive: true });
    for (const { record } of goRecords)
      writeFileSync(join(src, 'go', `${record.id}.json`), JSON.stringify(record));
    execFileSync('tar', ['-czf', join(dir, 'go.tar.gz'), '-C', src, 'go']);
    execFileSync('tar', ['-czf', join(dir, 'go.tgz'), '-C', src, 'go']);
    for (const name of ['go.tar.gz', 'go.tgz']) {
      const dbPath = join(dir, `${name}.db`);
      const summary = await importAdvisories(dbPath, [join(dir, name)]);
      assert.equal(summary.imported, goRecords.length, name);
      withStore(dbPath, (store) => assert.equal(store.get('GO-2020-0001')?.id, 'GO-2020-0001'));
    }
  });

  it('a damaged .tar.gz fails naming the archive, not with its bytes', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.tar.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6]));
    await assert.rejects(
      importAdvisories(join(dir, 'vuln.db'), [join(dir, 'bad.tar.gz')]),
      (err) =>
        isBulwarkError(err, 'ADVISORY_SOURCE') && /bad\.tar\.gz: corrupt gzip archive/.test(err.message),
    );
  });

  it('a JSON file in a directory that is not OSV-shaped is skipped with a warning', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    mkdirSync(src);
    copyFileSync(join(goDir, 'GO-2020-0001.json'), join(src, 'GO-2020-0001.json'));
    writeFileSync(join(src, 'package.json'), JSON.stringify({ name: 'mirror-tools', version: '1.0.0' }));
    writeFileSync(join(src, 'index.json'), JSON.stringify([{ id: 3, url: 'x' }]));
    const summary = await importAdvisories(join(dir, 'vuln.db'), [src]);
    assert.equal(summary.imported, 1);
    assert.deepEqual(
      summary.warnings.map((w) => w.replace(src, '<src>')),
      [
        '<src>/index.json: skipped: not an OSV record (no "id" with OSV fields such as "modified")',
        '<src>/package.json: skipped: not an OSV record (no "id" with OSV fields such as "modified")',
      ],
    );
  });

  it('a damaged OSV record in a directory still fails the import', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    mkdirSync(src);
    copyFileSync(join(goDir, 'GO-2020-0001.json'), join(src, 'GO-2020-0001.json'));
    writeFileSync(join(src, 'broken.json'), JSON.stringify({ id: 'GO-2099-9', modified: 'yesterday' }));
    await assert.rejects(
      importAdvisories(join(dir, 'vuln.db'), [src]),
      (err) => isBulwarkError(err, 'ADVISORY_INVALID') && /broken\.json: record GO-2099-9/.test(err.message),
    );
  });

  it('a directory with nothing usable fails and leaves no database', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    mkdirSync(src);
    writeFileSync(join(src, 'package.json'), '{"name":"x"}');
    const dbPath = join(dir, 'vuln.db');
    await assert.rejects(
      importAdvisories(dbPath, [src]),
      (err) =>
        isBulwarkError(err, 'ADVISORY_SOURCE') &&
        /nothing to import: .* held no usable OSV records \(1 file read, 1 not OSV, 0 skipped/.test(
          err.message,
        ),
    );
    assert.equal(existsSync(dbPath), false);
    await assert.rejects(importAdvisories(dbPath, [join(dir, 'src')]), /nothing to import/);
  });
});
