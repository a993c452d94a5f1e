import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { adler32, ndbLayout, ndbMagic, readNdbBlobs } from './read-ndb.js';
import { readSqliteBlobs } from './read-sqlite.js';
import { packagesFromBlobs } from './rpm-analyzer.js';

/**
 * No real NDB Packages.db is available here and Debian's rpm cannot write one, so
 * this builds one from rpm's own description of the format (lib/backend/ndb/rpmpkg.c:
 * rpmpkgWriteHeader, rpmpkgWriteEmptySlotpage, rpmpkgWriteslot, rpmpkgWriteBlob),
 * filled with the real header blobs of the rpm-built SQLite fixture. Slot 2 is the
 * first usable one (slots 0-1 are the file header); a free slot is left between
 * packages, as rpm leaves one after an erase.
 */
function buildNdb(blobs: Buffer[], opts: { slotPages?: number; freeSlotAt?: number } = {}): Buffer {
  const { headerSize, slotSize, blockSize, pageSize, blobHead, blobTail } = ndbLayout;
  const slotPages = opts.slotPages ?? 1;
  const slots = Buffer.alloc(slotPages * pageSize);
  for (let at = 0; at < slots.length; at += slotSize) slots.writeUInt32LE(ndbMagic.slot, at);
  slots.writeUInt32LE(ndbMagic.db, 0);
  slots.writeUInt32LE(0, 4); // version
  slots.writeUInt32LE(7, 8); // generation
  slots.writeUInt32LE(slotPages, 12);
  slots.writeUInt32LE(blobs.length + 1, 16); // next package index
  slots.fill(0, 20, headerSize);
  const areas: Buffer[] = [];
  let blkOff = (slotPages * pageSize) / blockSize;
  let slotNo = headerSize / slotSize;
  blobs.forEach((blob, i) => {
    if (slotNo === opts.freeSlotAt) slotNo++;
    const pkgIdx = i + 1;
    const blkCnt = Math.ceil((blobHead + blob.length + blobTail) / blockSize);
    const area = Buffer.alloc(blkCnt * blockSize);
    area.writeUInt32LE(ndbMagic.blobHead, 0);
    area.writeUInt32LE(pkgIdx, 4);
    area.writeUInt32LE(1_700_000_000, 8); // timestamp
    area.writeUInt32LE(blob.length, 12);
    blob.copy(area, blobHead);
    const tail = area.length - blobTail;
    area.writeUInt32LE(adler32(area.subarray(0, tail)), tail);
    area.writeUInt32LE(blob.length, tail + 4);
    area.writeUInt32LE(ndbMagic.blobTail, tail + 8);
    slots.writeUInt32LE(pkgIdx, slotNo * slotSize + 4);
    slots.writeUInt32LE(blkOff, slotNo * slotSize + 8);
    slots.writeUInt32LE(blkCnt, slotNo * slotSize + 12);
    areas.push(area);
    blkOff += blkCnt;
    slotNo++;
  });
  return Buffer.concat([slots, ...areas]);
}

describe('readNdbBlobs (synthetic NDB built from the documented layout)', () => {
  const tempDir = mkdtempSync(join(tmpdir(), 'bulwark-ndb-'));
  after(() => rmSync(tempDir, { recursive: true, force: true }));
  const sqlite = readSqliteBlobs(readFileSync(new URL('./testdata/rpmdb.sqlite', import.meta.url)), tempDir);

  it('adler32 matches RFC 1950 test value', () => {
    assert.equal(adler32(Buffer.from('Wikipedia')), 0x11e60398);
  });

  it('returns every package exactly as the SQLite read does', () => {
    assert.deepEqual(sqlite.problems, []);
    assert.equal(sqlite.blobs.length, 5);
    for (const layout of [{}, { freeSlotAt: 3 }, { slotPages: 2 }]) {
      const ndb = readNdbBlobs(buildNdb(sqlite.blobs, layout));
      assert.deepEqual(ndb.problems, []);
      assert.deepEqual(ndb.blobs, sqlite.blobs);
      assert.deepEqual(
        packagesFromBlobs(ndb, 'var/lib/rpm/Packages.db'),
        packagesFromBlobs({ ...sqlite }, 'var/lib/rpm/Packages.db'),
      );
    }
  });

  const corrupt = (edit: (b: Buffer) => void) => () => {
    const b = buildNdb(sqlite.blobs);
    edit(b);
    return b;
  };
  const firstBlob = ndbLayout.pageSize;
  const bad: Array<{ name: string; make: () => Buffer; problem: RegExp; keep: number }> = [
    {
      name: 'bad slot magic',
      make: corrupt((b) => b.write('XXXX', 3 * 16)),
      problem: /slot 3 has a bad magic/,
      keep: 1,
    },
    {
      name: 'slot pointing past the end',
      make: corrupt((b) => b.writeUInt32LE(1_000_000, 2 * 16 + 8)),
      problem: /slot 2 .*outside the data area/,
      keep: 4,
    },
    {
      name: 'blob checksum mismatch',
      make: corrupt((b) => {
        b[firstBlob + 40] = (b[firstBlob + 40] ?? 0) ^ 0xff;
      }),
      problem: /slot 2: .*adler32/,
      keep: 4,
    },
    {
      name: 'blob naming another package',
      make: corrupt((b) => b.writeUInt32LE(99, firstBlob + 4)),
      problem: /blob names package 99/,
      keep: 4,
    },
    {
      name: 'truncated',
      make: () => buildNdb(sqlite.blobs).subarray(0, 2000),
      problem: /truncated/,
      keep: 0,
    },
    { name: 'not NDB', make: () => Buffer.from('RpmX'.repeat(20)), problem: /bad magic/, keep: 0 },
    {
      name: 'absurd slot page count',
      make: corrupt((b) => b.writeUInt32LE(0xffffffff, 12)),
      problem: /out of range/,
      keep: 0,
    },
  ];
  for (const c of bad) {
    it(`reports, never throws: ${c.name}`, () => {
      const r = readNdbBlobs(c.make());
      assert.ok(
        r.problems.some((p) => c.problem.test(p)),
        r.problems.join('; '),
      );
      assert.equal(r.blobs.length, c.keep);
    });
  }

  it('never throws on random byte flips of a valid file', () => {
    const valid = buildNdb(sqlite.blobs);
    let seed = 11;
    for (let i = 0; i < 300; i++) {
      const copy = Buffer.from(valid);
      for (let k = 0; k < 4; k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        // Half the flips land in the slot area, half anywhere.
        const at = k % 2 ? seed % 512 : seed % copy.length;
        copy[at] = (seed >> 8) & 0xff;
      }
      readNdbBlobs(copy);
    }
  });
});
