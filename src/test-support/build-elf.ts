/**
 * Test support: writes small ELF64 little-endian files with chosen sections and
 * segments, so tests can make the shapes real toolchains no longer produce (old Go
 * build info, stripped section tables) and the lies hostile files tell.
 */

export interface SectionSpec {
  name: string;
  data: Buffer;
  addr?: number;
  /** SHT_PROGBITS (1) unless given. */
  type?: number;
  /** Override the recorded file offset / size, to forge a section past the end of file. */
  forgeOffset?: number;
  forgeSize?: number;
}

export interface BuildElfOptions {
  sections: SectionSpec[];
  /** Emit one PT_LOAD per section with an address (flags RW), as a linker would. */
  segments?: boolean;
  /** Drop the section header table (like sstrip), keeping only program headers. */
  noSectionTable?: boolean;
}

const ehSize = 64;
const phEntSize = 56;
const shEntSize = 64;

export function buildElf(opts: BuildElfOptions): Buffer {
  const names = Buffer.concat([
    Buffer.from([0]),
    ...opts.sections.map((s) => Buffer.from(`${s.name}\0`)),
    Buffer.from('.shstrtab\0'),
  ]);
  const loaded = opts.segments ? opts.sections.filter((s) => s.addr !== undefined) : [];
  const phOff = ehSize;
  let cursor = phOff + loaded.length * phEntSize;
  const offsets: number[] = [];
  for (const s of opts.sections) {
    cursor = align(cursor, 16);
    offsets.push(cursor);
    cursor += s.data.length;
  }
  const namesOff = cursor;
  cursor += names.length;
  const shOff = align(cursor, 8);
  const shNum = opts.noSectionTable ? 0 : opts.sections.length + 2;
  const total = shOff + shNum * shEntSize;
  const buf = Buffer.alloc(total);

  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(buf, 0);
  buf.writeUInt16LE(2, 16); // ET_EXEC
  buf.writeUInt16LE(62, 18); // x86-64
  buf.writeUInt32LE(1, 20);
  buf.writeBigUInt64LE(BigInt(loaded.length ? phOff : 0), 32);
  buf.writeBigUInt64LE(BigInt(shNum ? shOff : 0), 40);
  buf.writeUInt16LE(ehSize, 52);
  buf.writeUInt16LE(phEntSize, 54);
  buf.writeUInt16LE(loaded.length, 56);
  buf.writeUInt16LE(shEntSize, 58);
  buf.writeUInt16LE(shNum, 60);
  buf.writeUInt16LE(shNum ? shNum - 1 : 0, 62);

  loaded.forEach((s, i) => {
    const o = phOff + i * phEntSize;
    const off = offsets[opts.sections.indexOf(s)] ?? 0;
    buf.writeUInt32LE(1, o); // PT_LOAD
    buf.writeUInt32LE(6, o + 4); // PF_R | PF_W
    buf.writeBigUInt64LE(BigInt(off), o + 8);
    buf.writeBigUInt64LE(BigInt(s.addr ?? 0), o + 16);
    buf.writeBigUInt64LE(BigInt(s.addr ?? 0), o + 24);
    buf.writeBigUInt64LE(BigInt(s.data.length), o + 32);
    buf.writeBigUInt64LE(BigInt(s.data.length), o + 40);
  });
  opts.sections.forEach((s, i) => {
    s.data.copy(buf, offsets[i] ?? 0);
  });
  names.copy(buf, namesOff);

  if (shNum) {
    let nameAt = 1;
    opts.sections.forEach((s, i) => {
      const o = shOff + (i + 1) * shEntSize;
      writeSection(
        buf,
        o,
        nameAt,
        s.type ?? 1,
        s.addr ?? 0,
        s.forgeOffset ?? offsets[i] ?? 0,
        s.forgeSize ?? s.data.length,
      );
      nameAt += Buffer.byteLength(s.name) + 1;
    });
    writeSection(buf, shOff + (shNum - 1) * shEntSize, nameAt, 3, 0, namesOff, names.length);
  }
  return buf;
}

function writeSection(
  buf: Buffer,
  o: number,
  name: number,
  type: number,
  addr: number,
  off: number,
  size: number,
): void {
  buf.writeUInt32LE(name, o);
  buf.writeUInt32LE(type, o + 4);
  buf.writeBigUInt64LE(BigInt(addr), o + 16);
  buf.writeBigUInt64LE(BigInt(off), o + 24);
  buf.writeBigUInt64LE(BigInt(size), o + 32);
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
