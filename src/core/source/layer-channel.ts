import { PassThrough, type Readable } from 'node:stream';

/**
 * A layer member a source meets while it reads a whole stream front to back (a
 * compressed archive, `docker save`), before it knows which layer is which.
 */
export interface PassingLayer {
  /** The member's name in the archive: `blobs/sha256/<hex>` or `<id>/layer.tar`. */
  member: string;
  /** The blob's digest, when the member's name is content-addressed. */
  digest?: string;
  /** Reads the member in this pass: the stream carries its bytes as the source reads them. */
  take(): Readable;
  /** Lets it go by; the source keeps its own copy, so the layer can still be opened later. */
  skip(): void;
}

/**
 * How a caller pulls layer members out of a source's single pass. The caller
 * iterates the channel while the source opens; for each member it asks its cache
 * first and only then takes the bytes, so nothing is analyzed that the cache
 * already holds. The source waits for each answer (through stream backpressure)
 * before reading on, so a member is never buffered whole.
 */
export class LayerChannel implements AsyncIterable<PassingLayer> {
  private readonly queue: PassingLayer[] = [];
  private wake: (() => void) | undefined;
  private closed = false;
  private abandoned = false;
  private expectedDiffIDs: readonly string[] | undefined;

  /**
   * Source side, before any offer: the diffIDs of the image's layers, for a source
   * that knows them up front but cannot tell which member holds which (the Engine's
   * legacy `docker save` names members by v1 ids).
   */
  expect(diffIDs: readonly string[]): void {
    this.expectedDiffIDs = diffIDs;
  }

  /** What `expect()` was told, if anything. */
  get expected(): readonly string[] | undefined {
    return this.expectedDiffIDs;
  }

  /**
   * Source side: offers a member and returns where to write its bytes. Once the
   * caller skips it (or stops listening) the stream is destroyed: stop writing then.
   */
  offer(member: string): PassThrough {
    const stream = new PassThrough({ highWaterMark: 1024 * 1024 });
    if (this.closed || this.abandoned) {
      stream.destroy();
      return stream;
    }
    const blob = /^blobs\/(sha256)\/([a-f0-9]{64})$/.exec(member);
    let decided = false;
    const passing: PassingLayer = {
      member,
      take: () => {
        decided = true;
        return stream;
      },
      skip: () => {
        if (!decided) stream.destroy();
        decided = true;
      },
    };
    if (blob) passing.digest = `${blob[1]}:${blob[2]}`;
    this.queue.push(passing);
    this.wake?.();
    return stream;
  }

  /** No more members will come (the source has finished or failed). */
  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<PassingLayer> {
    try {
      while (true) {
        const next = this.queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (this.closed) return;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
      }
    } finally {
      // A caller that stops early must not leave the source waiting on undecided members.
      this.abandoned = true;
      for (const left of this.queue.splice(0)) left.skip();
    }
  }
}
