/**
 * A minimal PE (Windows/.NET executable) reader: section table, the CLR header's presence
 * (a .NET assembly), and the strings of the version resource (`VS_VERSIONINFO` →
 * `StringFileInfo`). Every offset is checked against the buffer; a lie in the file is an
 * error value, never an exception or an out-of-bounds read.
 */

export const peMagic: readonly Uint8Array[] = [Uint8Array.of(0x4d, 0x5a)];

export interface PeVersionInfo {
  /** A .NET assembly: the CLR runtime header data directory is set. */
  managed: boolean;
  /** `StringFileInfo` strings of the first string table (`ProductVersion`, `InternalName`…). */
  strings: Record<string, string>;
}

export type PeResult = { ok: true; info: PeVersionInfo } | { ok: false; reason: string };

interface Section {
  va: number;
  size: number;
  raw: number;
  rawSize: number;
}

const RT_VERSION = 16;
/** Real resource trees are a handful of levels and entries; more is a forged file. */
const maxEntries = 4096;

class Bytes {
  constructor(readonly buf: Buffer) {}
  u16(off: number): number {
    return off >= 0 && off + 2 <= this.buf.length ? this.buf.readUInt16LE(off) : -1;
  }
  u32(off: number): number {
    return off >= 0 && off + 4 <= this.buf.length ? this.buf.readUInt32LE(off) : -1;
  }
}

export function readPeVersionInfo(buf: Buffer): PeResult {
  const b = new Bytes(buf);
  if (b.u16(0) !== 0x5a4d) return { ok: false, reason: 'not a PE file' };
  const pe = b.u32(0x3c);
  if (pe < 0 || b.u32(pe) !== 0x00004550) return { ok: false, reason: 'no PE signature' };
  const coff = pe + 4;
  const sectionCount = b.u16(coff + 2);
  const optSize = b.u16(coff + 16);
  const opt = coff + 20;
  const magic = b.u16(opt);
  if (magic !== 0x10b && magic !== 0x20b) return { ok: false, reason: 'unknown optional header' };
  const dirs = opt + (magic === 0x20b ? 112 : 96);
  const dirCount = b.u32(dirs - 4);
  const dir = (i: number) =>
    i < dirCount ? { rva: b.u32(dirs + i * 8), size: b.u32(dirs + i * 8 + 4) } : undefined;
  const sections: Section[] = [];
  const table = opt + optSize;
  for (let i = 0; i < sectionCount && i < 96; i++) {
    const s = table + i * 40;
    if (b.u32(s + 20) < 0) return { ok: false, reason: 'section table past the end of the file' };
    sections.push({ size: b.u32(s + 8), va: b.u32(s + 12), rawSize: b.u32(s + 16), raw: b.u32(s + 20) });
  }
  const toOffset = (rva: number): number => {
    for (const s of sections) {
      const span = Math.max(s.size, s.rawSize);
      if (rva >= s.va && rva < s.va + span) {
        const off = s.raw + (rva - s.va);
        return off < buf.length ? off : -1;
      }
    }
    return -1;
  };
  const clr = dir(14);
  const managed = clr !== undefined && clr.rva > 0 && clr.size > 0;
  const res = dir(2);
  if (!res || res.rva <= 0) return { ok: true, info: { managed, strings: {} } };
  const base = toOffset(res.rva);
  if (base < 0) return { ok: false, reason: 'resource directory outside every section' };

  // Type → name → language: the first entry at each level below RT_VERSION.
  let node = base;
  for (let level = 0; level < 3; level++) {
    const named = b.u16(node + 12);
    const ids = b.u16(node + 14);
    if (named < 0 || ids < 0 || named + ids > maxEntries)
      return { ok: false, reason: 'bad resource directory' };
    let next = -1;
    for (let i = 0; i < named + ids; i++) {
      const e = node + 16 + i * 8;
      const id = b.u32(e);
      const target = b.u32(e + 4);
      if (id < 0 || target < 0) return { ok: false, reason: 'resource directory past the end of the file' };
      if (level === 0 && id !== RT_VERSION) continue;
      next = target;
      break;
    }
    if (next < 0) return { ok: true, info: { managed, strings: {} } };
    const isDir = (next & 0x80000000) !== 0;
    if (level < 2 !== isDir) return { ok: false, reason: 'bad resource tree' };
    node = base + (next & 0x7fffffff);
  }
  const dataRva = b.u32(node);
  const dataSize = b.u32(node + 4);
  const start = toOffset(dataRva);
  if (start < 0 || dataSize < 0 || start + dataSize > buf.length)
    return { ok: false, reason: 'version resource past the end of the file' };
  return { ok: true, info: { managed, strings: versionStrings(buf, start, start + dataSize) } };
}

interface Block {
  key: string;
  valueStart: number;
  valueLength: number;
  type: number;
  childrenStart: number;
  end: number;
}

const align4 = (n: number, origin: number) => origin + ((n - origin + 3) & ~3);

/** One `VS_VERSIONINFO`-style block: length, value length, type, UTF-16 key, padding. */
function readBlock(buf: Buffer, at: number, limit: number): Block | undefined {
  if (at + 6 > limit) return undefined;
  const length = buf.readUInt16LE(at);
  const valueLength = buf.readUInt16LE(at + 2);
  const type = buf.readUInt16LE(at + 4);
  const end = at + length;
  if (length < 6 || end > limit) return undefined;
  let k = at + 6;
  while (k + 1 < end && buf.readUInt16LE(k) !== 0) k += 2;
  if (k + 1 >= end && k + 1 !== end) return undefined;
  const key = buf.toString('utf16le', at + 6, k);
  const valueStart = align4(k + 2, at);
  // Text values count UTF-16 code units; binary ones (VS_FIXEDFILEINFO) count bytes.
  const valueBytes = type === 1 ? valueLength * 2 : valueLength;
  const childrenStart = align4(Math.min(valueStart + valueBytes, end), at);
  return {
    key,
    valueStart,
    valueLength: Math.min(valueBytes, Math.max(0, end - valueStart)),
    type,
    childrenStart,
    end,
  };
}

function children(buf: Buffer, parent: Block): Block[] {
  const out: Block[] = [];
  let at = parent.childrenStart;
  while (at < parent.end && out.length < maxEntries) {
    const child = readBlock(buf, at, parent.end);
    if (!child) break;
    out.push(child);
    at = align4(child.end, parent.childrenStart);
  }
  return out;
}

function versionStrings(buf: Buffer, start: number, end: number): Record<string, string> {
  const root = readBlock(buf, start, end);
  const strings: Record<string, string> = {};
  if (root?.key !== 'VS_VERSION_INFO') return strings;
  for (const info of children(buf, root)) {
    if (info.key !== 'StringFileInfo') continue;
    const table = children(buf, info)[0];
    if (!table) break;
    for (const s of children(buf, table)) {
      const value = buf.toString('utf16le', s.valueStart, s.valueStart + s.valueLength).replace(/\0+$/, '');
      if (!Object.hasOwn(strings, s.key)) strings[s.key] = value.trim();
    }
    break;
  }
  return strings;
}
