/**
 * A minimal ELF reader: header, section and program header tables, section lookup by
 * name, and reads at virtual addresses. It touches only the tables it needs, so asking
 * "is this an ELF with section X?" costs microseconds even for a 100 MiB executable.
 * Every offset is checked against the buffer; a lie in the file is an error value,
 * never an exception or an out-of-bounds read.
 */

export interface ElfSection {
  name: string;
  type: number;
  addr: number;
  offset: number;
  size: number;
}

export interface ElfSegment {
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  fileSize: number;
}

export interface ElfFile {
  is64: boolean;
  littleEndian: boolean;
  sections: ElfSection[];
  segments: ElfSegment[];
}

export type ElfResult = { ok: true; elf: ElfFile } | { ok: false; reason: string };
export type BytesResult = { ok: true; data: Buffer } | { ok: false; reason: string };

const SHT_NOBITS = 8;
export const PT_LOAD = 1;
export const PF_W = 2;
/** More would mean a forged header; real binaries have tens of sections. */
const maxTableEntries = 65_536;

/** True when the buffer starts with the ELF magic; the cheap first test for every executable. */
/** The four bytes every ELF file starts with. */
export const elfMagic: readonly Uint8Array[] = [Uint8Array.of(0x7f, 0x45, 0x4c, 0x46)];

export function isElf(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x7f && buf[1] === 0x45 && buf[2] === 0x4c && buf[3] === 0x46;
}

/** Reads integers of the file's width and byte order, returning -1 past the end. */
class Reader {
  constructor(
    readonly buf: Buffer,
    readonly is64: boolean,
    readonly le: boolean,
  ) {}

  u16(off: number): number {
    if (off < 0 || off + 2 > this.buf.length) return -1;
    return this.le ? this.buf.readUInt16LE(off) : this.buf.readUInt16BE(off);
  }

  u32(off: number): number {
    if (off < 0 || off + 4 > this.buf.length) return -1;
    return this.le ? this.buf.readUInt32LE(off) : this.buf.readUInt32BE(off);
  }

  u64(off: number): number {
    if (off < 0 || off + 8 > this.buf.length) return -1;
    const v = this.le ? this.buf.readBigUInt64LE(off) : this.buf.readBigUInt64BE(off);
    // Offsets beyond 2^53 cannot be inside any buffer we hold: treat as "past the end".
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }

  /** A pointer-sized (address/offset/size) word. */
  word(off: number): number {
    return this.is64 ? this.u64(off) : this.u32(off);
  }
}

export function parseElf(buf: Buffer): ElfResult {
  if (!isElf(buf)) return { ok: false, reason: 'not an ELF file' };
  if (buf.length < 52) return { ok: false, reason: 'truncated ELF header' };
  const cls = buf[4];
  const data = buf[5];
  if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) {
    return { ok: false, reason: 'unknown ELF class or byte order' };
  }
  const is64 = cls === 2;
  if (is64 && buf.length < 64) return { ok: false, reason: 'truncated ELF header' };
  const r = new Reader(buf, is64, data === 1);

  const phoff = is64 ? r.u64(32) : r.u32(28);
  const shoff = is64 ? r.u64(40) : r.u32(32);
  const base = is64 ? 54 : 42;
  const phentsize = r.u16(base);
  const phnum = r.u16(base + 2);
  const shentsize = r.u16(base + 4);
  let shnum = r.u16(base + 6);
  let shstrndx = r.u16(base + 8);

  const segments: ElfSegment[] = [];
  if (phoff > 0 && phnum > 0) {
    if (phentsize < (is64 ? 56 : 32) || phoff + phnum * phentsize > buf.length) {
      return { ok: false, reason: 'program header table lies past the end of the file' };
    }
    for (let i = 0; i < phnum; i++) {
      const o = phoff + i * phentsize;
      segments.push(
        is64
          ? {
              type: r.u32(o),
              flags: r.u32(o + 4),
              offset: r.u64(o + 8),
              vaddr: r.u64(o + 16),
              fileSize: r.u64(o + 32),
            }
          : {
              type: r.u32(o),
              offset: r.u32(o + 4),
              vaddr: r.u32(o + 8),
              fileSize: r.u32(o + 16),
              flags: r.u32(o + 24),
            },
      );
    }
  }

  const sections: ElfSection[] = [];
  if (shoff > 0) {
    if (shentsize < (is64 ? 64 : 40) || shoff + shentsize > buf.length) {
      return { ok: false, reason: 'section header table lies past the end of the file' };
    }
    // Extended numbering: counts that do not fit 16 bits live in section 0.
    if (shnum === 0) shnum = r.word(shoff + (is64 ? 32 : 20));
    if (shstrndx === 0xffff) shstrndx = r.u32(shoff + (is64 ? 40 : 24));
    if (shnum > maxTableEntries) return { ok: false, reason: `implausible section count ${shnum}` };
    if (shoff + shnum * shentsize > buf.length) {
      return { ok: false, reason: 'section header table lies past the end of the file' };
    }
    const raw: (Omit<ElfSection, 'name'> & { nameOff: number })[] = [];
    for (let i = 0; i < shnum; i++) {
      const o = shoff + i * shentsize;
      raw.push(
        is64
          ? {
              nameOff: r.u32(o),
              type: r.u32(o + 4),
              addr: r.u64(o + 16),
              offset: r.u64(o + 24),
              size: r.u64(o + 32),
            }
          : {
              nameOff: r.u32(o),
              type: r.u32(o + 4),
              addr: r.u32(o + 12),
              offset: r.u32(o + 16),
              size: r.u32(o + 20),
            },
      );
    }
    const strtab = raw[shstrndx];
    const names = strtab && strtab.offset + strtab.size <= buf.length ? strtab : undefined;
    for (const s of raw) {
      sections.push({
        name: names ? cString(buf, names.offset + s.nameOff, names.offset + names.size) : '',
        type: s.type,
        addr: s.addr,
        offset: s.offset,
        size: s.size,
      });
    }
  }
  return { ok: true, elf: { is64, littleEndian: data === 1, sections, segments } };
}

function cString(buf: Buffer, start: number, end: number): string {
  if (start < 0 || start >= end) return '';
  const nul = buf.indexOf(0, start);
  return buf.toString('latin1', start, nul < 0 || nul > end ? end : nul);
}

export function findSection(elf: ElfFile, name: string): ElfSection | undefined {
  return elf.sections.find((s) => s.name === name);
}

/** The bytes of a section, checked against the end of the file. */
export function sectionBytes(buf: Buffer, section: ElfSection): BytesResult {
  if (section.type === SHT_NOBITS) return { ok: false, reason: `section ${section.name} has no file data` };
  if (section.offset + section.size > buf.length) {
    return { ok: false, reason: `section ${section.name} lies past the end of the file` };
  }
  return { ok: true, data: buf.subarray(section.offset, section.offset + section.size) };
}

/**
 * Reads `size` bytes at a virtual address, through the loadable segments first (what the
 * loader maps) and the sections second (for files whose program headers were dropped).
 */
export function readAtAddress(buf: Buffer, elf: ElfFile, addr: number, size: number): Buffer | undefined {
  const ranges: { vaddr: number; offset: number; fileSize: number }[] = [
    ...elf.segments.filter((p) => p.type === PT_LOAD),
    ...elf.sections
      .filter((s) => s.type !== SHT_NOBITS && s.addr !== 0)
      .map((s) => ({ vaddr: s.addr, offset: s.offset, fileSize: s.size })),
  ];
  for (const p of ranges) {
    if (addr >= p.vaddr && addr + size <= p.vaddr + p.fileSize) {
      const start = p.offset + (addr - p.vaddr);
      if (start + size > buf.length) return undefined;
      return buf.subarray(start, start + size);
    }
  }
  return undefined;
}
