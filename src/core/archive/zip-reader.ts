import { crc32, inflateRawSync } from 'node:zlib';

/**
 * The one in-memory zip reader (JAR/WAR/EAR files, OSV advisory archives): reads the
 * central directory, then inflates only the entries asked for, one at a time (OSV's npm
 * archive is hundreds of MB unpacked). Built for hostile input: every offset is
 * checked, entry counts and sizes are capped, and inflation stops at the size the
 * directory declared, so a zip bomb becomes an error message instead of an OOM.
 * Handles zip64 records and archives with bytes prepended (Spring Boot's
 * "fully executable" jars start with a shell script).
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header, already corrected for prepended bytes. */
  headerOffset: number;
  /** CRC-32 of the uncompressed data, as the central directory declares it. */
  crc: number;
}

export type ZipListing = { ok: true; entries: ZipEntry[] } | { ok: false; reason: string };
export type ZipRead = { ok: true; data: Buffer } | { ok: false; reason: string };

export interface ZipLimits {
  maxEntries: number;
  /** Largest single entry we inflate. */
  maxEntrySize: number;
  /** Above this size an entry must not expand more than `maxRatio` times. */
  ratioFloor: number;
  maxRatio: number;
  /** Check each entry's CRC-32 (advisory archives, where a flipped byte must not import). */
  verifyCrc?: boolean;
}

export const defaultZipLimits: ZipLimits = {
  maxEntries: 500_000,
  maxEntrySize: 256 * 1024 * 1024,
  ratioFloor: 1024 * 1024,
  maxRatio: 200,
};

const sigEocd = 0x06054b50;
const sigZip64Locator = 0x07064b50;
const sigZip64Eocd = 0x06064b50;
const sigCentral = 0x02014b50;
const sigLocal = 0x04034b50;

export function listZip(buf: Buffer, limits: ZipLimits = defaultZipLimits): ZipListing {
  const eocd = findEocd(buf);
  if (eocd < 0) return { ok: false, reason: 'not a zip archive, or truncated (no end of central directory)' };
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let cdEnd = eocd;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== sigZip64Locator)
      return { ok: false, reason: 'zip64 locator missing' };
    const z = safeNumber(buf.readBigUInt64LE(loc + 8));
    if (z < 0 || z + 56 > buf.length || buf.readUInt32LE(z) !== sigZip64Eocd) {
      return { ok: false, reason: 'zip64 end of central directory missing' };
    }
    count = safeNumber(buf.readBigUInt64LE(z + 32));
    cdSize = safeNumber(buf.readBigUInt64LE(z + 40));
    cdOffset = safeNumber(buf.readBigUInt64LE(z + 48));
    cdEnd = z;
  }
  if (count > limits.maxEntries)
    return { ok: false, reason: `${count} entries exceed the limit of ${limits.maxEntries}` };
  // Where the directory really starts tells how many bytes were prepended to the zip.
  const cdStart = cdEnd - cdSize;
  if (cdSize < 0 || cdStart < 0) return { ok: false, reason: 'central directory lies outside the file' };
  const shift = cdStart - cdOffset;

  const entries: ZipEntry[] = [];
  let p = cdStart;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdEnd || buf.readUInt32LE(p) !== sigCentral)
      return { ok: false, reason: 'central directory is truncated' };
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen > cdEnd) return { ok: false, reason: 'central directory is truncated' };
    const entry: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      headerOffset: buf.readUInt32LE(p + 42),
      crc: buf.readUInt32LE(p + 16),
    };
    readZip64Extra(buf, p + 46 + nameLen, extraLen, entry);
    entry.headerOffset += shift;
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { ok: true, entries };
}

/** Inflates one entry, refusing sizes and ratios past the limits and any output past the declared size. */
export function readZipEntry(buf: Buffer, entry: ZipEntry, limits: ZipLimits = defaultZipLimits): ZipRead {
  if (entry.size > limits.maxEntrySize) {
    return {
      ok: false,
      reason: `${entry.name} declares ${entry.size} bytes, over the ${limits.maxEntrySize} byte limit (zip bomb?)`,
    };
  }
  if (entry.size > limits.ratioFloor && entry.size > entry.compressedSize * limits.maxRatio) {
    return { ok: false, reason: `${entry.name} expands more than ${limits.maxRatio}x (zip bomb?)` };
  }
  const h = entry.headerOffset;
  if (h < 0 || h + 30 > buf.length || buf.readUInt32LE(h) !== sigLocal) {
    return { ok: false, reason: `${entry.name}: local header missing` };
  }
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) return { ok: false, reason: `${entry.name}: data runs past the end of the archive` };
  const raw = buf.subarray(start, end);
  if (entry.method === 0) {
    return raw.length === entry.size
      ? checked(raw, entry, limits)
      : { ok: false, reason: `${entry.name}: stored size mismatch` };
  }
  if (entry.method !== 8)
    return { ok: false, reason: `${entry.name}: unsupported compression method ${entry.method}` };
  try {
    // One byte of headroom so an entry that inflates past its declared size is caught, not truncated.
    const data = inflateRawSync(raw, { maxOutputLength: entry.size + 1 });
    if (data.length !== entry.size) {
      return {
        ok: false,
        reason: `${entry.name} inflates to more or less than its declared ${entry.size} bytes (zip bomb?)`,
      };
    }
    return checked(data, entry, limits);
  } catch (err) {
    const why =
      err instanceof RangeError
        ? `inflates past its declared ${entry.size} bytes (zip bomb?)`
        : (err as Error).message;
    return { ok: false, reason: `${entry.name}: ${why}` };
  }
}

function checked(data: Buffer, entry: ZipEntry, limits: ZipLimits): ZipRead {
  if (limits.verifyCrc && crc32(data) !== entry.crc)
    return { ok: false, reason: `${entry.name}: CRC-32 mismatch` };
  return { ok: true, data };
}

/** `PK\x03\x04` (a member follows) or `PK\x05\x06` (an empty archive). */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
}

function findEocd(buf: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === sigEocd) return i;
  }
  return -1;
}

function readZip64Extra(buf: Buffer, start: number, len: number, entry: ZipEntry): void {
  let p = start;
  while (p + 4 <= start + len) {
    const id = buf.readUInt16LE(p);
    const size = buf.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number => {
        if (q + 8 > p + 4 + size) return -1;
        const v = safeNumber(buf.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      // Only the fields saturated in the fixed record are present, in this order.
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.headerOffset === 0xffffffff) entry.headerOffset = next();
      return;
    }
    p += 4 + size;
  }
}

function safeNumber(v: bigint): number {
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}
