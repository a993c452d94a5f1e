import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readBdbBlobs } from './read-bdb.js';

const libuuid = readFileSync(new URL('./testdata/libuuid-el8.Packages', import.meta.url));
const pageSize = libuuid.readUInt32LE(20);

/**
 * Rewrites a little-endian BDB hash file in big-endian order (as a big-endian
 * machine would have written it): metadata fields, every page header, the hash
 * pages' item offsets and the H_OFFPAGE items' page numbers and lengths. Key and
 * value bytes are data, not structure, and stay as they are.
 */
function toBigEndian(le: Buffer): Buffer {
  const be = Buffer.from(le);
  const swap32 = (at: number) => be.writeUInt32BE(le.readUInt32LE(at), at);
  const swap16 = (at: number) => be.writeUInt16BE(le.readUInt16LE(at), at);
  for (const at of [8, 12, 16, 20, 28, 32, 36, 40, 44, 48]) swap32(at);
  for (const at of [72, 76, 80, 84, 88, 92]) swap32(at);
  for (let p = 1; p * pageSize < le.length; p++) {
    const base = p * pageSize;
    const type = le[base + 25];
    if (type === 0) continue;
    for (const at of [8, 12, 16]) swap32(base + at);
    swap16(base + 20);
    swap16(base + 22);
    if (type !== 13 && type !== 2) continue;
    const entries = le.readUInt16LE(base + 20);
    for (let i = 0; i < entries; i++) {
      const off = le.readUInt16LE(base + 26 + i * 2);
      swap16(base + 26 + i * 2);
      if (le[base + off] === 3) {
        swap32(base + off + 4);
        swap32(base + off + 8);
      }
    }
  }
  return be;
}

/** File offset of the first H_OFFPAGE value item in the fixture. */
function firstOffPageItem(buf: Buffer): number {
  for (let p = 1; p * pageSize < buf.length; p++) {
    const base = p * pageSize;
    if (buf[base + 25] !== 13) continue;
    const off = buf.readUInt16LE(base + 26 + 2);
    if (buf[base + off] === 3) return base + off;
  }
  throw new Error('fixture has no H_OFFPAGE item');
}

describe('readBdbBlobs', () => {
  const le = readBdbBlobs(libuuid);

  it('reads the one header of the real EL8 file', () => {
    assert.deepEqual(le.problems, []);
    assert.equal(le.blobs.length, 1);
    // il/dl of the stored header, and its length: il*16 + dl + 8.
    const blob = le.blobs[0]!;
    assert.equal(blob.length, 8 + blob.readUInt32BE(0) * 16 + blob.readUInt32BE(4));
  });

  it('reads the same header from a big-endian copy (synthetic, byte-swapped from the real file)', () => {
    const be = readBdbBlobs(toBigEndian(libuuid));
    assert.deepEqual(be.problems, []);
    assert.deepEqual(be.blobs, le.blobs);
  });

  const bad: Array<{ name: string; make: () => Buffer; problem: RegExp }> = [
    { name: 'truncated file', make: () => libuuid.subarray(0, pageSize * 5), problem: /truncated/ },
    { name: 'shorter than a page', make: () => libuuid.subarray(0, 100), problem: /shorter than one page/ },
    { name: 'not BDB', make: () => Buffer.alloc(4096, 0x41), problem: /bad magic/ },
    {
      name: 'bad page size',
      make: () => {
        const b = Buffer.from(libuuid);
        b.writeUInt32LE(1000, 20);
        return b;
      },
      problem: /page size 1000/,
    },
    {
      name: 'overflow chain that loops',
      make: () => {
        const b = Buffer.from(libuuid);
        const first = b.readUInt32LE(firstOffPageItem(b) + 4);
        const second = b.readUInt32LE(first * pageSize + 16);
        b.writeUInt32LE(first, second * pageSize + 16);
        return b;
      },
      problem: /loops at page|longer than its item/,
    },
    {
      name: 'overflow item pointing past the end',
      make: () => {
        const b = Buffer.from(libuuid);
        b.writeUInt32LE(9999, firstOffPageItem(b) + 4);
        return b;
      },
      problem: /past the end/,
    },
  ];
  for (const c of bad) {
    it(`reports, never throws: ${c.name}`, () => {
      const r = readBdbBlobs(c.make());
      assert.ok(
        r.problems.some((p) => c.problem.test(p)),
        r.problems.join('; '),
      );
    });
  }

  it('never throws or hangs on random byte flips of the real file', () => {
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      const copy = Buffer.from(libuuid);
      for (let k = 0; k < 8; k++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        // Aim at structure: the metadata page and the page headers and item offsets.
        const page = seed % (libuuid.length / pageSize);
        copy[page * pageSize + (seed % 64)] = (seed >> 8) & 0xff;
      }
      readBdbBlobs(copy);
    }
  });
});
