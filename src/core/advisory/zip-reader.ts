import { crc32, inflateRawSync } from 'node:zlib';

/**
 * Reads a zip archive from its central directory, one member at a time, checking
 * each member's size and CRC-32. fflate's `unzipSync` would inflate every member at
 * once (OSV's npm archive is hundreds of MB unpacked) and does not check CRCs, so
 * this small reader exists. Zip64 archives (over 65,535 members) are supported.
 */
export interface ZipMember {
  name: string;
  data: Buffer;
}

export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

interface CentralEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  next: number;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - 22 - MAX_COMMENT);
  for (let at = buf.length - 22; at >= lowest; at--) {
    if (buf.readUInt32LE(at) === EOCD) return at;
  }
  throw new ZipFormatError('not a zip archive, or truncated (no end-of-central-directory record)');
}

function readZip64Extra(buf: Buffer, start: number, end: number, entry: CentralEntry): void {
  for (let at = start; at + 4 <= end; at += 4 + buf.readUInt16LE(at + 2)) {
    if (buf.readUInt16LE(at) !== 1) continue;
    let field = at + 4;
    const take = (): number => {
      const value = Number(buf.readBigUInt64LE(field));
      field += 8;
      return value;
    };
    if (entry.size === 0xffffffff) entry.size = take();
    if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
    if (entry.localOffset === 0xffffffff) entry.localOffset = take();
    return;
  }
}

function readCentralEntry(buf: Buffer, at: number): CentralEntry {
  if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) {
    throw new ZipFormatError('corrupt central directory');
  }
  const nameLength = buf.readUInt16LE(at + 28);
  const extraLength = buf.readUInt16LE(at + 30);
  const commentLength = buf.readUInt16LE(at + 32);
  const nameStart = at + 46;
  const entry: CentralEntry = {
    name: buf.toString('utf8', nameStart, nameStart + nameLength),
    method: buf.readUInt16LE(at + 10),
    crc: buf.readUInt32LE(at + 16),
    compressedSize: buf.readUInt32LE(at + 20),
    size: buf.readUInt32LE(at + 24),
    localOffset: buf.readUInt32LE(at + 42),
    next: nameStart + nameLength + extraLength + commentLength,
  };
  readZip64Extra(buf, nameStart + nameLength, nameStart + nameLength + extraLength, entry);
  return entry;
}

function memberData(buf: Buffer, entry: CentralEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) {
    throw new ZipFormatError(`member ${entry.name}: bad local header`);
  }
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipFormatError(`member ${entry.name}: truncated`);
  const raw = buf.subarray(start, end);
  let data: Buffer;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    try {
      data = inflateRawSync(raw);
    } catch (err) {
      throw new ZipFormatError(`member ${entry.name}: ${(err as Error).message}`);
    }
  } else throw new ZipFormatError(`member ${entry.name}: unsupported compression method ${entry.method}`);
  if (data.length !== entry.size) throw new ZipFormatError(`member ${entry.name}: size mismatch`);
  if (crc32(data) !== entry.crc) throw new ZipFormatError(`member ${entry.name}: CRC-32 mismatch`);
  return data;
}

/** Yields every file member (directories skipped). Throws ZipFormatError on damage. */
export function* readZipMembers(buf: Buffer): Generator<ZipMember> {
  const eocd = findEndOfCentralDirectory(buf);
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if (eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const z64 = Number(buf.readBigUInt64LE(eocd - 12));
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== ZIP64_EOCD) {
      throw new ZipFormatError('corrupt zip64 end-of-central-directory record');
    }
    count = Number(buf.readBigUInt64LE(z64 + 32));
    offset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  for (let i = 0; i < count; i++) {
    const entry = readCentralEntry(buf, offset);
    offset = entry.next;
    if (entry.name.endsWith('/')) continue;
    yield { name: entry.name, data: memberData(buf, entry) };
  }
}

/** `PK\x03\x04` (a member follows) or `PK\x05\x06` (an empty archive). */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
}
