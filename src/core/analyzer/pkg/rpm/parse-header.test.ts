import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseHeader, rpmTag } from './parse-header.js';
import { readBdbBlobs } from './read-bdb.js';

type Value = { type: 4; value: number[] } | { type: 6 | 9; value: string } | { type: 8; value: string[] };

/** Writes a header blob in the rpmdb layout (il, dl, index, data), for edge cases no real tool writes. */
function buildHeader(tags: Array<{ tag: number } & Value>): Buffer {
  const index: Buffer[] = [];
  let data = Buffer.alloc(0);
  for (const t of tags) {
    let chunk: Buffer;
    if (t.type === 4) {
      // INT32 data is 4-byte aligned in the store.
      data = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
      chunk = Buffer.alloc(t.value.length * 4);
      for (const [i, v] of t.value.entries()) chunk.writeInt32BE(v, i * 4);
    } else {
      chunk = Buffer.from(
        [t.value]
          .flat()
          .map((s) => `${s}\0`)
          .join(''),
      );
    }
    const entry = Buffer.alloc(16);
    entry.writeUInt32BE(t.tag, 0);
    entry.writeUInt32BE(t.type, 4);
    entry.writeInt32BE(data.length, 8);
    entry.writeUInt32BE([t.value].flat().length, 12);
    index.push(entry);
    data = Buffer.concat([data, chunk]);
  }
  const head = Buffer.alloc(8);
  head.writeUInt32BE(index.length, 0);
  head.writeUInt32BE(data.length, 4);
  return Buffer.concat([head, ...index, data]);
}

const base = [
  { tag: rpmTag.name, type: 6, value: 'pkg' },
  { tag: rpmTag.version, type: 6, value: '1.0' },
  { tag: rpmTag.release, type: 6, value: '2' },
] as const;

describe('parseHeader', () => {
  const cases: Array<{
    name: string;
    blob: Buffer;
    files?: string[];
    license?: string;
    epoch?: number;
    reason?: RegExp;
  }> = [
    {
      name: 'BASENAMES + DIRNAMES + DIRINDEXES',
      blob: buildHeader([
        ...base,
        { tag: rpmTag.dirIndexes, type: 4, value: [1, 0, 1] },
        { tag: rpmTag.baseNames, type: 8, value: ['a', 'b', 'c'] },
        { tag: rpmTag.dirNames, type: 8, value: ['/etc/', '/usr/bin/'] },
      ]),
      files: ['/usr/bin/a', '/etc/b', '/usr/bin/c'],
    },
    {
      name: 'OLDFILENAMES (pre-4.0 headers)',
      blob: buildHeader([...base, { tag: rpmTag.oldFilenames, type: 8, value: ['/bin/x', '/etc/y'] }]),
      files: ['/bin/x', '/etc/y'],
    },
    {
      name: 'I18N license and epoch 0 (kept: rpm tells epoch 0 from none)',
      blob: buildHeader([
        ...base,
        { tag: rpmTag.epoch, type: 4, value: [0] },
        { tag: rpmTag.license, type: 9, value: 'GPLv2+' },
      ]),
      files: [],
      license: 'GPLv2+',
      epoch: 0,
    },
    {
      name: 'directory index out of range',
      blob: buildHeader([
        ...base,
        { tag: rpmTag.dirIndexes, type: 4, value: [5] },
        { tag: rpmTag.baseNames, type: 8, value: ['a'] },
        { tag: rpmTag.dirNames, type: 8, value: ['/etc/'] },
      ]),
      reason: /directory index out of range/,
    },
    {
      name: 'file tags disagree',
      blob: buildHeader([...base, { tag: rpmTag.baseNames, type: 8, value: ['a'] }]),
      reason: /do not agree/,
    },
    { name: 'no NAME', blob: buildHeader([{ tag: rpmTag.version, type: 6, value: '1' }]), reason: /no NAME/ },
    { name: 'too short', blob: Buffer.from([0, 0, 0]), reason: /too short/ },
    { name: 'zero entries', blob: Buffer.alloc(8), reason: /index count 0/ },
    { name: 'truncated', blob: buildHeader([...base]).subarray(0, 40), reason: /truncated/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parseHeader(c.blob);
      if (c.reason) {
        assert.equal(r.ok, false);
        if (!r.ok) assert.match(r.reason, c.reason);
        return;
      }
      assert.ok(r.ok, r.ok ? '' : r.reason);
      assert.equal(r.header.name, 'pkg');
      assert.deepEqual(r.header.files, c.files);
      if (c.license !== undefined) assert.equal(r.header.license, c.license);
      assert.equal(r.header.epoch, c.epoch);
    });
  }

  it('never throws on any truncation or byte flip of a real header blob', () => {
    const [blob] = readBdbBlobs(readFileSync(new URL('./testdata/dive.Packages', import.meta.url))).blobs;
    assert.ok(blob);
    assert.ok(parseHeader(blob).ok);
    for (let len = 0; len < blob.length; len += 7) parseHeader(blob.subarray(0, len));
    let seed = 42;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const copy = Buffer.from(blob);
      copy[seed % copy.length] = seed & 0xff;
      parseHeader(copy);
    }
  });
});
