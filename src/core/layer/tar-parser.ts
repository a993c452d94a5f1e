/**
 * A push parser for the tar stream of one layer. tar-stream gives every entry
 * its own stream object, which costs more than the rest of a scan; layers are
 * mostly entries nobody wants, so this parser only looks at headers, skips
 * unwanted contents by counting bytes, and gathers wanted contents into one Buffer.
 */

export type TarEntryType = 'file' | 'link' | 'symlink' | 'directory' | 'other';

export interface TarHeader {
  name: string;
  type: TarEntryType;
  size: number;
  mode: number;
  linkname: string;
}

/** Receives an entry's contents piece by piece, for entries too large to gather. */
export interface EntrySink {
  write(chunk: Buffer): void;
  end(): void;
}

export interface TarVisitor {
  /**
   * Return true to receive the entry's contents whole through `onContent`, or a
   * sink to have them streamed to it; false to skip them.
   */
  onEntry(header: TarHeader): boolean | EntrySink;
  onContent(header: TarHeader, content: Buffer): void;
}

export class TarFormatError extends Error {}

const block = 512;

export class TarParser {
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes of entry data (plus padding) still to come for the current entry. */
  private remaining = 0;
  private padding = 0;
  private current: TarHeader | undefined;
  private sink: EntrySink | undefined;
  private collected: Buffer | undefined;
  private collectedLength = 0;
  private longName: string | undefined;
  private longLink: string | undefined;
  private pax: Map<string, string> | undefined;
  private metaType: string | undefined;
  private metaBuffer: Buffer[] = [];
  private ended = false;
  private zeroBlocks = 0;

  constructor(private readonly visitor: TarVisitor) {}

  push(chunk: Buffer): void {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    let offset = 0;
    while (offset < data.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, data.length - offset);
        this.consumeData(data, offset, take);
        offset += take;
        this.remaining -= take;
        if (this.remaining === 0) this.finishData();
        continue;
      }
      if (this.padding > 0) {
        const take = Math.min(this.padding, data.length - offset);
        offset += take;
        this.padding -= take;
        continue;
      }
      if (data.length - offset < block) {
        this.pending = Buffer.from(data.subarray(offset));
        return;
      }
      this.readHeader(data.subarray(offset, offset + block));
      offset += block;
    }
    data = Buffer.alloc(0);
  }

  /** Called at end of stream: a stream that stops inside an entry was truncated. */
  end(): void {
    if (this.remaining > 0 || this.pending.length > 0 || this.metaType !== undefined) {
      throw new TarFormatError('unexpected end of data inside a tar entry (truncated layer)');
    }
  }

  private readHeader(header: Buffer): void {
    if (this.ended) return;
    if (isZero(header)) {
      this.zeroBlocks += 1;
      if (this.zeroBlocks >= 2) this.ended = true;
      return;
    }
    this.zeroBlocks = 0;
    if (!checksumOk(header))
      throw new TarFormatError('invalid tar header checksum (not a tar stream, or corrupt)');
    const typeflag = String.fromCharCode(header[156] as number);
    const size = parseNumber(header.subarray(124, 136));
    if (typeflag === 'x' || typeflag === 'L' || typeflag === 'K' || typeflag === 'g') {
      this.metaType = typeflag;
      this.metaBuffer = [];
      this.startData(size, undefined);
      return;
    }
    const name = this.pax?.get('path') ?? this.longName ?? ustarName(header);
    const linkname = this.pax?.get('linkpath') ?? this.longLink ?? cString(header.subarray(157, 257));
    const paxSize = this.pax?.get('size');
    this.pax = undefined;
    this.longName = undefined;
    this.longLink = undefined;
    const entry: TarHeader = {
      name,
      type: entryType(typeflag),
      size: paxSize !== undefined ? Number(paxSize) : size,
      mode: parseNumber(header.subarray(100, 108)),
      linkname,
    };
    // Links and directories carry no data even if a (buggy) size says otherwise.
    const dataSize = entry.type === 'file' || entry.type === 'other' ? entry.size : 0;
    const decision = this.visitor.onEntry(entry);
    const wanted = decision === true;
    this.startData(dataSize, wanted && entry.type === 'file' ? entry : undefined);
    if (typeof decision === 'object') {
      if (dataSize === 0) decision.end();
      else this.sink = decision;
    }
    if (dataSize === 0 && wanted && entry.type === 'file') this.visitor.onContent(entry, Buffer.alloc(0));
    if (dataSize === 0 && entry.type !== 'file') this.current = undefined;
  }

  private startData(size: number, collectFor: TarHeader | undefined): void {
    this.remaining = size;
    this.padding = (block - (size % block)) % block;
    this.current = collectFor;
    this.collected = collectFor && size > 0 ? Buffer.allocUnsafe(size) : undefined;
    this.collectedLength = 0;
    if (size === 0 && this.metaType !== undefined) this.finishMeta();
  }

  private consumeData(data: Buffer, offset: number, length: number): void {
    if (this.metaType !== undefined) {
      this.metaBuffer.push(Buffer.from(data.subarray(offset, offset + length)));
    } else if (this.collected) {
      data.copy(this.collected, this.collectedLength, offset, offset + length);
      this.collectedLength += length;
    } else if (this.sink) {
      this.sink.write(data.subarray(offset, offset + length));
    }
  }

  private finishData(): void {
    if (this.metaType !== undefined) {
      this.finishMeta();
    } else if (this.current && this.collected) {
      this.visitor.onContent(this.current, this.collected);
    } else if (this.sink) {
      this.sink.end();
      this.sink = undefined;
    }
    this.current = undefined;
    this.collected = undefined;
  }

  private finishMeta(): void {
    const body = Buffer.concat(this.metaBuffer);
    if (this.metaType === 'L') this.longName = cString(body);
    else if (this.metaType === 'K') this.longLink = cString(body);
    else if (this.metaType === 'x') this.pax = parsePax(body);
    this.metaType = undefined;
    this.metaBuffer = [];
  }
}

function entryType(flag: string): TarEntryType {
  if (flag === '0' || flag === '\0' || flag === '7') return 'file';
  if (flag === '1') return 'link';
  if (flag === '2') return 'symlink';
  if (flag === '5') return 'directory';
  return 'other';
}

function isZero(header: Buffer): boolean {
  for (let i = 0; i < block; i++) if (header[i] !== 0) return false;
  return true;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.toString('utf8', 0, end < 0 ? bytes.length : end);
}

function ustarName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const isUstar = header.toString('latin1', 257, 262) === 'ustar';
  const prefix = isUstar ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function parseNumber(field: Buffer): number {
  if (((field[0] as number) & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] as number);
    return value;
  }
  const text = cString(field).trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function checksumOk(header: Buffer): boolean {
  const stored = parseNumber(header.subarray(148, 156));
  let sum = 8 * 32;
  for (let i = 0; i < 148; i++) sum += header[i] as number;
  for (let i = 156; i < block; i++) sum += header[i] as number;
  return stored === sum;
}

function parsePax(body: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space < 0) break;
    const length = Number.parseInt(body.toString('latin1', pos, space), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = body.toString('utf8', space + 1, pos + length - 1);
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return records;
}
