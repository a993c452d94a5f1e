import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { BulwarkError } from '../../errors.js';

export interface TarMember {
  offset: number;
  size: number;
}

/**
 * Random access into an uncompressed tar file: one pass over the 512-byte headers
 * (skipping contents by seeking), then any member can be read or streamed. Image
 * archives put manifest.json last, so streaming them in order is not an option.
 */
export class TarIndex {
  private constructor(
    readonly path: string,
    private readonly members: Map<string, TarMember>,
  ) {}

  static async build(path: string): Promise<TarIndex> {
    const handle = await open(path, 'r').catch((err) => {
      throw new BulwarkError('IO', `${path}: cannot open (${(err as Error).message})`, { cause: err });
    });
    try {
      const { size } = await handle.stat();
      return new TarIndex(path, await scan(handle, size, path));
    } finally {
      await handle.close();
    }
  }

  has(name: string): boolean {
    return this.members.has(clean(name));
  }

  async read(name: string, maxSize = 64 * 1024 * 1024): Promise<Buffer> {
    const member = this.get(name);
    if (member.size > maxSize) {
      throw new BulwarkError(
        'ARCHIVE_CORRUPT',
        `${this.path}: member ${name} is too large (${member.size} bytes)`,
      );
    }
    const handle = await open(this.path, 'r');
    try {
      const buffer = Buffer.alloc(member.size);
      await handle.read(buffer, 0, member.size, member.offset);
      return buffer;
    } finally {
      await handle.close();
    }
  }

  stream(name: string): Readable {
    const member = this.get(name);
    if (member.size === 0) return createReadStream(this.path, { start: 1, end: 0 });
    // 64 KiB reads: each chunk is garbage once hashed and parsed, and V8 frees such
    // buffers only at its next collection; larger chunks raised peak RSS by ~15 MiB
    // on the Debian image and read no faster.
    return createReadStream(this.path, {
      start: member.offset,
      end: member.offset + member.size - 1,
      highWaterMark: 64 * 1024,
    });
  }

  private get(name: string): TarMember {
    const member = this.members.get(clean(name));
    if (!member) throw new BulwarkError('ARCHIVE_CORRUPT', `${this.path}: archive has no member ${name}`);
    return member;
  }
}

function clean(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

async function scan(handle: FileHandle, fileSize: number, path: string): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>();
  const header = Buffer.alloc(512);
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + 512 <= fileSize) {
    const { bytesRead } = await handle.read(header, 0, 512, offset);
    if (bytesRead < 512) break;
    if (header.every((b) => b === 0)) return members; // end-of-archive marker
    if (!checksumOk(header)) {
      throw new BulwarkError('ARCHIVE_CORRUPT', `${path}: not a tar archive, or corrupt at byte ${offset}`);
    }
    const size = parseSize(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + 512;
    if (dataStart + size > fileSize) {
      throw new BulwarkError(
        'ARCHIVE_CORRUPT',
        `${path}: truncated archive (member at byte ${offset} runs past the end)`,
      );
    }
    if (type === 'L' || type === 'x') {
      const data = Buffer.alloc(size);
      await handle.read(data, 0, size, dataStart);
      if (type === 'L') longName = data.toString('utf8').replace(/\0.*$/s, '');
      else paxPath = parsePaxPath(data) ?? paxPath;
    } else {
      const name = paxPath ?? longName ?? ustarName(header);
      longName = undefined;
      paxPath = undefined;
      if (type === '0' || type === '\0' || type === '7')
        members.set(clean(name), { offset: dataStart, size });
    }
    offset = dataStart + Math.ceil(size / 512) * 512;
  }
  if (members.size === 0)
    throw new BulwarkError('ARCHIVE_CORRUPT', `${path}: not a tar archive (no members)`);
  // Ran off the end without the two zero blocks: tolerated only when every member was whole.
  return members;
}

function ustarName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const magic = header.subarray(257, 262).toString('latin1');
  const prefix = magic === 'ustar' ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

function parseSize(field: Buffer): number {
  if ((field[0] ?? 0) & 0x80) {
    // GNU base-256 for members over 8 GiB.
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const text = cString(field).trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  const stored = Number.parseInt(cString(header.subarray(148, 156)).trim(), 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  return stored === sum;
}

function parsePaxPath(data: Buffer): string | undefined {
  let pos = 0;
  let found: string | undefined;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const length = Number.parseInt(data.subarray(pos, space).toString('latin1'), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, pos + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') found = record.slice(eq + 1);
    pos += length;
  }
  return found;
}
