/**
 * Reads one rpm header blob as the rpmdb stores it: no lead and no header magic,
 * just `il` (index entry count) and `dl` (data size), `il` 16-byte index entries
 * (tag, type, offset, count; all big-endian) and the data store. Layout from
 * rpm's lib/header.c and the rpm file-format spec (doc/manual/format.md).
 */

/** Header fields the analyzer needs; strings are empty when the tag is absent. */
export interface RpmHeader {
  name: string;
  version: string;
  release: string;
  /** Absent when the package has no Epoch tag (not the same as epoch 0 for rpm). */
  epoch?: number;
  arch: string;
  /** File name of the source rpm, e.g. `util-linux-2.32.1-42.el8_8.src.rpm`. */
  sourceRpm: string;
  license: string;
  /** Absolute paths of every file and directory the package installs. */
  files: string[];
}

export type HeaderResult = { ok: true; header: RpmHeader } | { ok: false; reason: string };

export const rpmTag = {
  headerImmutable: 63,
  sha1Header: 269,
  sha256Header: 273,
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  license: 1014,
  arch: 1022,
  oldFilenames: 1027,
  sourceRpm: 1044,
  dirIndexes: 1116,
  baseNames: 1117,
  dirNames: 1118,
} as const;

const tagType = {
  int32: 4,
  string: 6,
  bin: 7,
  stringArray: 8,
  i18nString: 9,
} as const;

/** rpm itself refuses headers past these limits (lib/header_internal.h hdrchkTags/hdrchkData). */
const maxIndexEntries = 0xffff;
const maxDataSize = 256 * 1024 * 1024;

export interface IndexEntry {
  tag: number;
  type: number;
  offset: number;
  count: number;
}

/** The index and data store of a header, bounds-checked; the raw view other readers build on. */
export interface RawHeader {
  entries: Map<number, IndexEntry>;
  data: Buffer;
  /** Where the index starts in the blob (8) and how many entries it holds. */
  indexCount: number;
}

export function readRawHeader(blob: Buffer): RawHeader | string {
  if (blob.length < 8) return `header blob of ${blob.length} bytes is too short`;
  const il = blob.readUInt32BE(0);
  const dl = blob.readUInt32BE(4);
  if (il === 0 || il > maxIndexEntries) return `header index count ${il} is out of range`;
  if (dl > maxDataSize) return `header data size ${dl} is out of range`;
  const dataStart = 8 + il * 16;
  if (dataStart + dl > blob.length) {
    return `header blob is truncated (needs ${dataStart + dl} bytes, has ${blob.length})`;
  }
  const data = blob.subarray(dataStart, dataStart + dl);
  const entries = new Map<number, IndexEntry>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const entry = {
      tag: blob.readUInt32BE(at),
      type: blob.readUInt32BE(at + 4),
      offset: blob.readInt32BE(at + 8),
      count: blob.readUInt32BE(at + 12),
    };
    // The region tag's offset points at its trailer and may legally be the last bytes.
    if (entry.offset < 0 || entry.offset > dl)
      return `header entry for tag ${entry.tag} points outside the data`;
    if (!entries.has(entry.tag)) entries.set(entry.tag, entry);
  }
  return { entries, data, indexCount: il };
}

/** Reads `count` NUL-terminated strings from the data store; undefined when one runs off the end. */
function readStrings(data: Buffer, offset: number, count: number): string[] | undefined {
  const out: string[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    const end = data.indexOf(0, at);
    if (end < 0) return undefined;
    out.push(data.toString('utf8', at, end));
    at = end + 1;
  }
  return out;
}

export function headerStrings(raw: RawHeader, tag: number): string[] | undefined {
  const e = raw.entries.get(tag);
  if (!e) return undefined;
  if (e.type !== tagType.string && e.type !== tagType.stringArray && e.type !== tagType.i18nString) {
    return undefined;
  }
  // STRING has count 1; I18NSTRING holds one string per locale and the first is the C locale.
  const count = e.type === tagType.stringArray ? e.count : 1;
  if (count > raw.data.length) return undefined;
  return readStrings(raw.data, e.offset, count);
}

export function headerInt32s(raw: RawHeader, tag: number): number[] | undefined {
  const e = raw.entries.get(tag);
  if (!e || e.type !== tagType.int32) return undefined;
  if (e.offset + e.count * 4 > raw.data.length) return undefined;
  const out: number[] = [];
  for (let i = 0; i < e.count; i++) out.push(raw.data.readInt32BE(e.offset + i * 4));
  return out;
}

function fileList(raw: RawHeader): string[] | string {
  const baseNames = headerStrings(raw, rpmTag.baseNames);
  if (baseNames) {
    const dirNames = headerStrings(raw, rpmTag.dirNames);
    const dirIndexes = headerInt32s(raw, rpmTag.dirIndexes);
    if (!dirNames || !dirIndexes || dirIndexes.length !== baseNames.length) {
      return 'file list tags (BASENAMES, DIRNAMES, DIRINDEXES) do not agree';
    }
    const files: string[] = [];
    for (let i = 0; i < baseNames.length; i++) {
      const dir = dirNames[dirIndexes[i] ?? -1];
      if (dir === undefined) return `file ${baseNames[i]} has a directory index out of range`;
      files.push(dir + baseNames[i]);
    }
    return files;
  }
  // Headers written before rpm 4.0 (and some tools) keep whole paths in OLDFILENAMES.
  return headerStrings(raw, rpmTag.oldFilenames) ?? [];
}

export function parseHeader(blob: Buffer): HeaderResult {
  const raw = readRawHeader(blob);
  if (typeof raw === 'string') return { ok: false, reason: raw };
  const one = (tag: number): string => headerStrings(raw, tag)?.[0] ?? '';
  const name = one(rpmTag.name);
  if (!name) return { ok: false, reason: 'header has no NAME tag' };
  const files = fileList(raw);
  if (typeof files === 'string') return { ok: false, reason: `${name}: ${files}` };
  const epoch = headerInt32s(raw, rpmTag.epoch)?.[0];
  return {
    ok: true,
    header: {
      name,
      version: one(rpmTag.version),
      release: one(rpmTag.release),
      ...(epoch !== undefined ? { epoch } : {}),
      arch: one(rpmTag.arch),
      sourceRpm: one(rpmTag.sourceRpm),
      license: one(rpmTag.license),
      files,
    },
  };
}
