import type { BlobsResult } from './blobs.js';

/**
 * Reads the header blobs of an rpm NDB `Packages.db` (SUSE, rpm >= 4.16 with the
 * ndb backend). Layout from rpm's lib/backend/ndb/rpmpkg.c, all little-endian:
 *  - a 32-byte header: 'RpmP' magic, version 0, generation, slot page count, next index;
 *  - slot pages of 4096 bytes right after it (the header takes the first two slots),
 *    each slot 16 bytes: 'Slot' magic, package index, block offset, block count;
 *    a slot with block offset 0 is free;
 *  - blobs in 16-byte blocks: head ('BlbS', package index, timestamp, length), the
 *    header blob, zero padding, then tail (adler32 of all before it, length, 'BlbE').
 */

const magic = (s: string): number => Buffer.from(s, 'latin1').readUInt32LE(0);
export const ndbMagic = {
  db: magic('RpmP'),
  slot: magic('Slot'),
  blobHead: magic('BlbS'),
  blobTail: magic('BlbE'),
};
export const ndbLayout = {
  headerSize: 32,
  slotSize: 16,
  blockSize: 16,
  pageSize: 4096,
  blobHead: 16,
  blobTail: 12,
};
/** Far beyond any real database (one page holds 256 slots); bounds memory on garbage input. */
const maxSlotPages = 4096;

/** Adler-32 as RFC 1950 defines it; rpm checksums every blob with it. */
export function adler32(buf: Buffer): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < buf.length; i += 5552) {
    const end = Math.min(i + 5552, buf.length);
    for (let j = i; j < end; j++) {
      a += buf[j] ?? 0;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

export function readNdbBlobs(content: Buffer): BlobsResult {
  const { headerSize, slotSize, blockSize, pageSize } = ndbLayout;
  if (content.length < headerSize || content.readUInt32LE(0) !== ndbMagic.db) {
    return { blobs: [], problems: ['not an rpm NDB database (bad magic)'] };
  }
  const version = content.readUInt32LE(4);
  if (version !== 0) return { blobs: [], problems: [`unsupported rpm NDB version ${version}`] };
  const slotPages = content.readUInt32LE(12);
  if (slotPages === 0 || slotPages > maxSlotPages) {
    return { blobs: [], problems: [`rpm NDB slot page count ${slotPages} is out of range`] };
  }
  if (slotPages * pageSize > content.length) {
    return { blobs: [], problems: ['rpm NDB database is truncated inside its slot pages'] };
  }
  const fileBlocks = Math.floor(content.length / blockSize);
  const firstDataBlock = (slotPages * pageSize) / blockSize;
  const blobs: Buffer[] = [];
  const problems: string[] = [];
  for (let at = headerSize; at < slotPages * pageSize; at += slotSize) {
    const slotNo = at / slotSize;
    if (content.readUInt32LE(at) !== ndbMagic.slot) {
      // rpm gives up on the whole database here; so do we, as no slot after it can be trusted.
      problems.push(`rpm NDB slot ${slotNo} has a bad magic`);
      return { blobs, problems };
    }
    const pkgIdx = content.readUInt32LE(at + 4);
    const blkOff = content.readUInt32LE(at + 8);
    const blkCnt = content.readUInt32LE(at + 12);
    if (blkOff === 0) continue;
    if (pkgIdx === 0 || blkCnt === 0 || blkOff < firstDataBlock || blkOff + blkCnt > fileBlocks) {
      problems.push(`rpm NDB slot ${slotNo} (package ${pkgIdx}) points outside the data area`);
      continue;
    }
    const blob = readBlob(content.subarray(blkOff * blockSize, (blkOff + blkCnt) * blockSize), pkgIdx);
    if (typeof blob === 'string') problems.push(`rpm NDB slot ${slotNo}: ${blob}`);
    else blobs.push(blob);
  }
  return { blobs, problems };
}

function readBlob(area: Buffer, pkgIdx: number): Buffer | string {
  const { blockSize, blobHead, blobTail } = ndbLayout;
  if (area.readUInt32LE(0) !== ndbMagic.blobHead) return `blob of package ${pkgIdx} has a bad head magic`;
  if (area.readUInt32LE(4) !== pkgIdx)
    return `blob names package ${area.readUInt32LE(4)}, slot says ${pkgIdx}`;
  const len = area.readUInt32LE(12);
  if (Math.ceil((blobHead + len + blobTail) / blockSize) * blockSize !== area.length) {
    return `blob length ${len} does not match its ${area.length / blockSize} blocks`;
  }
  const tail = area.length - blobTail;
  if (area.readUInt32LE(tail + 8) !== ndbMagic.blobTail || area.readUInt32LE(tail + 4) !== len) {
    return `blob of package ${pkgIdx} has a bad tail`;
  }
  if (area.readUInt32LE(tail) !== adler32(area.subarray(0, tail))) {
    return `blob of package ${pkgIdx} fails its adler32 checksum`;
  }
  return Buffer.from(area.subarray(blobHead, blobHead + len));
}
