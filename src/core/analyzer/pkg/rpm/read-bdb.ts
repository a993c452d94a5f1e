import type { BlobsResult } from './blobs.js';

/**
 * Reads the header blobs of an rpm Berkeley DB `Packages` file (rpm < 4.16, EL5-EL8,
 * Amazon Linux 2). It is a BDB hash database; the layout below is Berkeley DB's own
 * (src/dbinc/db_page.h): page 0 is the hash metadata page, hash pages hold key/value
 * items, and a header blob is too big to sit inline, so its value is an H_OFFPAGE
 * item naming the first page of a chain of overflow pages.
 */

const hashMagic = 0x061561;
const btreeMagic = 0x053162;
const pageType = { hashUnsorted: 2, overflow: 7, hashMeta: 8, hash: 13 } as const;
const itemType = { keyData: 1, duplicate: 2, offPage: 3, offDup: 4 } as const;
const pageHeaderSize = 26;
const validPageSizes = new Set([512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]);

interface Reader {
  u16(at: number): number;
  u32(at: number): number;
}

function readerFor(buf: Buffer, bigEndian: boolean): Reader {
  return bigEndian
    ? { u16: (at) => buf.readUInt16BE(at), u32: (at) => buf.readUInt32BE(at) }
    : { u16: (at) => buf.readUInt16LE(at), u32: (at) => buf.readUInt32LE(at) };
}

export function readBdbBlobs(content: Buffer): BlobsResult {
  if (content.length < 512) return { blobs: [], problems: ['Berkeley DB file is shorter than one page'] };
  // The magic is stored in the byte order of the machine that wrote the file.
  const magicLE = content.readUInt32LE(12);
  const magicBE = content.readUInt32BE(12);
  if (magicLE === btreeMagic || magicBE === btreeMagic) {
    return { blobs: [], problems: ['Berkeley DB file is a btree, not the hash database rpm writes'] };
  }
  if (magicLE !== hashMagic && magicBE !== hashMagic) {
    return { blobs: [], problems: ['not a Berkeley DB hash database (bad magic)'] };
  }
  const r = readerFor(content, magicLE !== hashMagic);
  const pageSize = r.u32(20);
  if (!validPageSizes.has(pageSize))
    return { blobs: [], problems: [`invalid Berkeley DB page size ${pageSize}`] };
  if (content[24] !== 0) return { blobs: [], problems: ['Berkeley DB file is encrypted'] };
  if (content[25] !== pageType.hashMeta) {
    return { blobs: [], problems: [`Berkeley DB page 0 has type ${content[25]}, not hash metadata`] };
  }
  const lastPage = r.u32(32);
  const pagesInFile = Math.floor(content.length / pageSize);
  const problems: string[] = [];
  if (lastPage + 1 > pagesInFile) {
    problems.push(
      `Berkeley DB file is truncated: metadata names ${lastPage + 1} pages, file holds ${pagesInFile}`,
    );
  }
  const blobs: Buffer[] = [];
  const lastReadable = Math.min(lastPage, pagesInFile - 1);
  for (let pgno = 1; pgno <= lastReadable; pgno++) {
    const page = content.subarray(pgno * pageSize, (pgno + 1) * pageSize);
    const type = page[25];
    if (type !== pageType.hash && type !== pageType.hashUnsorted) continue;
    readHashPage(content, page, pgno, pageSize, r, blobs, problems);
  }
  return { blobs, problems };
}

function readHashPage(
  content: Buffer,
  page: Buffer,
  pgno: number,
  pageSize: number,
  r: Reader,
  blobs: Buffer[],
  problems: string[],
): void {
  const base = pgno * pageSize;
  const entries = r.u16(base + 20);
  if (pageHeaderSize + entries * 2 > pageSize) {
    problems.push(`Berkeley DB page ${pgno} claims ${entries} items, more than fit`);
    return;
  }
  const offsets: number[] = [];
  for (let i = 0; i < entries; i++) offsets.push(r.u16(base + pageHeaderSize + i * 2));
  // Items are stored from the end of the page backwards: item i ends where item i-1 starts.
  const itemEnd = (i: number): number => (i === 0 ? pageSize : (offsets[i - 1] ?? 0));
  // Even items are keys, odd items their values.
  for (let i = 1; i < entries; i += 2) {
    const at = offsets[i] ?? 0;
    const end = itemEnd(i);
    if (at < pageHeaderSize || at >= end || end > pageSize) {
      problems.push(`Berkeley DB page ${pgno} item ${i} lies outside the page`);
      continue;
    }
    switch (page[at]) {
      case itemType.offPage: {
        if (at + 12 > pageSize) {
          problems.push(`Berkeley DB page ${pgno} item ${i} is cut short`);
          continue;
        }
        const chained = readOverflowChain(content, r.u32(base + at + 4), r.u32(base + at + 8), pageSize, r);
        if (typeof chained === 'string') problems.push(chained);
        else blobs.push(chained);
        break;
      }
      case itemType.keyData: {
        const keyAt = offsets[i - 1] ?? 0;
        const key = page.subarray(keyAt + 1, itemEnd(i - 1));
        // rpm keeps its next-instance counter under key 0 (a 4-byte value, not a header).
        if (key.length === 4 && key.readUInt32LE(0) === 0) continue;
        const value = page.subarray(at + 1, end);
        if (value.length >= 8) blobs.push(Buffer.from(value));
        break;
      }
      case itemType.duplicate:
      case itemType.offDup:
        problems.push(`Berkeley DB page ${pgno} holds duplicate items, which rpm never writes`);
        break;
      default:
        problems.push(`Berkeley DB page ${pgno} item ${i} has unknown type ${page[at]}`);
    }
  }
}

/** Concatenates an overflow chain; guards against cycles, bad page types and chains past `total`. */
function readOverflowChain(
  content: Buffer,
  first: number,
  total: number,
  pageSize: number,
  r: Reader,
): Buffer | string {
  const parts: Buffer[] = [];
  const seen = new Set<number>();
  let got = 0;
  for (let pgno = first; pgno !== 0; ) {
    if (seen.has(pgno)) return `Berkeley DB overflow chain from page ${first} loops at page ${pgno}`;
    seen.add(pgno);
    const base = pgno * pageSize;
    if (base + pageSize > content.length) {
      return `Berkeley DB overflow page ${pgno} lies past the end of the file (truncated)`;
    }
    if (content[base + 25] !== pageType.overflow) {
      return `Berkeley DB page ${pgno} in an overflow chain is not an overflow page`;
    }
    // On overflow pages the "high free offset" field holds the length of the data.
    const len = r.u16(base + 22);
    if (pageHeaderSize + len > pageSize) return `Berkeley DB overflow page ${pgno} claims ${len} bytes`;
    parts.push(content.subarray(base + pageHeaderSize, base + pageHeaderSize + len));
    got += len;
    if (got > total)
      return `Berkeley DB overflow chain from page ${first} is longer than its item (${total} bytes)`;
    pgno = r.u32(base + 16);
  }
  if (got !== total) return `Berkeley DB overflow chain from page ${first} holds ${got} of ${total} bytes`;
  return Buffer.concat(parts, got);
}
