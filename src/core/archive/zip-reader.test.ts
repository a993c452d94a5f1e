import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { buildZip } from '../../test-support/build-zip.js';
import { defaultZipLimits, listZip, looksLikeZip, readZipEntry } from './zip-reader.js';

const jarPath = new URL('../analyzer/lang/java/testdata/slf4j-api.jar', import.meta.url).pathname;
const jar = readFileSync(jarPath);

describe('zip reader', () => {
  it('lists the same entries as Info-ZIP unzip and reads them byte for byte', () => {
    const listing = listZip(jar);
    assert.ok(listing.ok);
    const names = execFileSync('unzip', ['-Z1', jarPath], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(
      listing.entries.map((e) => e.name),
      names,
    );
    const manifest = listing.entries.find((e) => e.name === 'META-INF/MANIFEST.MF');
    assert.ok(manifest);
    const read = readZipEntry(jar, manifest);
    assert.ok(read.ok);
    assert.equal(
      read.data.toString(),
      execFileSync('unzip', ['-p', jarPath, 'META-INF/MANIFEST.MF'], { encoding: 'utf8' }),
    );
  });

  const one = (data: Buffer, method: 0 | 8, size: number) => {
    const zip = buildZip([{ name: 'a.txt', data, method, size }]);
    const listing = listZip(zip);
    assert.ok(listing.ok);
    return readZipEntry(zip, listing.entries[0]!);
  };
  const cases: { name: string; read: () => ReturnType<typeof readZipEntry>; ok: boolean; reason?: RegExp }[] =
    [
      { name: 'stored entry', read: () => one(Buffer.from('hello'), 0, 5), ok: true },
      { name: 'deflated entry', read: () => one(deflateRawSync('hello'), 8, 5), ok: true },
      {
        name: 'stored size mismatch',
        read: () => one(Buffer.from('hello'), 0, 9),
        ok: false,
        reason: /stored size mismatch/,
      },
      {
        name: 'declared size over the cap',
        read: () => one(Buffer.alloc(4), 8, defaultZipLimits.maxEntrySize + 1),
        ok: false,
        reason: /byte limit/,
      },
      {
        name: 'short inflation',
        read: () => one(deflateRawSync('hi'), 8, 5),
        ok: false,
        reason: /more or less/,
      },
      {
        name: 'corrupt deflate data',
        read: () => one(Buffer.from([0xff, 0xff, 0xff]), 8, 5),
        ok: false,
        reason: /a.txt/,
      },
    ];
  for (const c of cases) {
    it(c.name, () => {
      const r = c.read();
      assert.equal(r.ok, c.ok);
      if (!r.ok && c.reason) assert.match(r.reason, c.reason);
      if (r.ok) assert.equal(r.data.toString(), 'hello');
    });
  }
});

describe('zip reader: CRC-32 check (advisory archives)', () => {
  // A real jar: its central directory carries the CRCs the jar tool wrote.
  const listing = listZip(jar);
  assert.ok(listing.ok);
  const manifest = listing.entries.find((e) => e.name === 'META-INF/MANIFEST.MF')!;

  it('accepts every entry of a real jar when asked to verify CRCs', () => {
    for (const entry of listing.entries.filter((e) => !e.name.endsWith('/'))) {
      const read = readZipEntry(jar, entry, { ...defaultZipLimits, verifyCrc: true });
      assert.ok(read.ok, read.ok ? '' : read.reason);
    }
  });

  it('refuses an entry whose CRC does not match, only when asked to', () => {
    const lying = { ...manifest, crc: manifest.crc ^ 1 };
    const verified = readZipEntry(jar, lying, { ...defaultZipLimits, verifyCrc: true });
    assert.deepEqual(verified, { ok: false, reason: 'META-INF/MANIFEST.MF: CRC-32 mismatch' });
    assert.equal(readZipEntry(jar, lying).ok, true);
  });

  it('recognises a zip by its first bytes', () => {
    assert.equal(looksLikeZip(jar.subarray(0, 4)), true);
    assert.equal(looksLikeZip(Buffer.from('PK\x05\x06')), true);
    assert.equal(looksLikeZip(Buffer.from('{"id"')), false);
  });
});
