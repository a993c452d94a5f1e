import type { ElfFile } from '../../binary/elf.js';
import {
  findSection,
  isElf,
  PF_W,
  PT_LOAD,
  parseElf,
  readAtAddress,
  sectionBytes,
} from '../../binary/elf.js';

/**
 * Finds the build information the Go linker embeds in every executable (what
 * `go version -m` prints). Layout, as cmd/link writes it: a 32-byte header
 * `\xff Go buildinf:` + pointer size + flags, then either (flags & 2, Go >= 1.18) two
 * varint-length strings inline, or (older) two pointers to Go string headers elsewhere
 * in the data segment, in the byte order flags & 1 names.
 */
export type BuildInfoRead =
  | { kind: 'not-go' }
  | { kind: 'error'; reason: string }
  | { kind: 'ok'; goVersion: string; modinfo: string };

const magic = Buffer.from('\xff Go buildinf:', 'latin1');
const headerSize = 32;
const flagsInline = 2;
const flagsBigEndian = 1;
/** Real build info is a few KiB; a larger claimed string is a corrupt or hostile file. */
const maxStringSize = 4 * 1024 * 1024;

export function readGoBuildInfo(buf: Buffer): BuildInfoRead {
  if (!isElf(buf)) return { kind: 'not-go' };
  const parsed = parseElf(buf);
  if (!parsed.ok) return { kind: 'error', reason: parsed.reason };
  const elf = parsed.elf;

  let data: Buffer | undefined;
  const section = findSection(elf, '.go.buildinfo');
  if (section) {
    const bytes = sectionBytes(buf, section);
    if (!bytes.ok) return { kind: 'error', reason: bytes.reason };
    data = bytes.data;
  } else if (elf.sections.length > 0) {
    // The Go linker always writes this section; with a section table and no such
    // section this is not a Go program, and we do not scan it.
    return { kind: 'not-go' };
  } else {
    data = scanWritableSegments(buf, elf);
    if (!data) return { kind: 'not-go' };
  }
  if (data.length < headerSize || !data.subarray(0, magic.length).equals(magic)) {
    return { kind: 'error', reason: '.go.buildinfo does not start with the Go build info magic' };
  }
  const ptrSize = data[14] ?? 0;
  const flags = data[15] ?? 0;
  const strings =
    flags & flagsInline ? readInline(data) : readIndirect(buf, elf, data, ptrSize, flags & flagsBigEndian);
  if (typeof strings === 'string') return { kind: 'error', reason: strings };
  const goVersion = strings[0].toString('utf8');
  if (!goVersion) return { kind: 'error', reason: 'build info holds no Go version' };
  return { kind: 'ok', goVersion, modinfo: stripSentinels(strings[1]).toString('utf8') };
}

/** Binaries whose section table was stripped: look for the magic, 16-byte aligned, in RW segments. */
function scanWritableSegments(buf: Buffer, elf: ElfFile): Buffer | undefined {
  for (const seg of elf.segments) {
    if (seg.type !== PT_LOAD || !(seg.flags & PF_W)) continue;
    const end = Math.min(buf.length, seg.offset + seg.fileSize);
    let at = buf.indexOf(magic, seg.offset);
    while (at >= 0 && at + headerSize <= end) {
      if ((at - seg.offset) % 16 === 0) return buf.subarray(at, end);
      at = buf.indexOf(magic, at + 1);
    }
  }
  return undefined;
}

function readInline(data: Buffer): [Buffer, Buffer] | string {
  const first = readVarintString(data, headerSize);
  if (!first) return 'truncated Go version string';
  const second = readVarintString(data, first.next);
  if (!second) return 'truncated module info string';
  return [first.bytes, second.bytes];
}

function readVarintString(data: Buffer, at: number): { bytes: Buffer; next: number } | undefined {
  let len = 0;
  let shift = 1;
  let pos = at;
  for (let i = 0; i < 10; i++) {
    const b = data[pos++];
    if (b === undefined) return undefined;
    len += (b & 0x7f) * shift;
    shift *= 128;
    if (b < 0x80) break;
    if (i === 9) return undefined;
  }
  if (len > maxStringSize || pos + len > data.length) return undefined;
  return { bytes: data.subarray(pos, pos + len), next: pos + len };
}

function readIndirect(
  buf: Buffer,
  elf: ElfFile,
  data: Buffer,
  ptrSize: number,
  bigEndian: number,
): [Buffer, Buffer] | string {
  if (ptrSize !== 4 && ptrSize !== 8) return `unsupported pointer size ${ptrSize}`;
  const readPtr = (b: Buffer, at: number): number => {
    if (ptrSize === 4) return bigEndian ? b.readUInt32BE(at) : b.readUInt32LE(at);
    const v = bigEndian ? b.readBigUInt64BE(at) : b.readBigUInt64LE(at);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? -1 : Number(v);
  };
  const readString = (headerAddr: number): Buffer | undefined => {
    const header = readAtAddress(buf, elf, headerAddr, 2 * ptrSize);
    if (!header) return undefined;
    const addr = readPtr(header, 0);
    const len = readPtr(header, ptrSize);
    if (addr < 0 || len < 0 || len > maxStringSize) return undefined;
    if (len === 0) return Buffer.alloc(0);
    return readAtAddress(buf, elf, addr, len);
  };
  const version = readString(readPtr(data, 16));
  if (version === undefined) return 'Go version pointer leads outside the file';
  const mod = readString(readPtr(data, 16 + ptrSize));
  if (mod === undefined) return 'module info pointer leads outside the file';
  return [version, mod];
}

/** cmd/go wraps the module text in two 16-byte sentinels so the linker can find it. */
function stripSentinels(mod: Buffer): Buffer {
  if (mod.length >= 33 && mod[mod.length - 17] === 0x0a) return mod.subarray(16, mod.length - 16);
  return Buffer.alloc(0);
}
