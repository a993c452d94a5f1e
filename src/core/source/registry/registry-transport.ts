/**
 * The registry client's HTTP layer: one fetch at a time, each guarded by an inactivity timer
 * (REGISTRY_TIMEOUT) that restarts whenever data arrives, so a slow but live download is
 * never cut while a registry that went silent is. Failures to connect become
 * SOURCE_UNAVAILABLE; the caller's abort signal wins over both.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { BulwarkError } from '../../errors.js';

/** A live request: its Response plus the timer that guards it. */
export interface Guarded {
  res: Response;
  /** Restart the timeout (on progress) or stop it (when done). */
  touch(): void;
  done(): void;
}

export class RegistryTransport {
  constructor(
    private readonly baseUrl: string,
    /** The registry as users name it, for messages. */
    private readonly registry: string,
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** One fetch guarded by an inactivity timer that aborts with REGISTRY_TIMEOUT. */
  async send(
    method: 'GET' | 'HEAD',
    url: string,
    headers: Record<string, string>,
    authorization: string | undefined,
    what: string,
  ): Promise<Guarded> {
    const controller = new AbortController();
    const timeoutError = new BulwarkError(
      'REGISTRY_TIMEOUT',
      `${this.registry} did not answer within ${this.timeoutMs} ms for ${what}`,
    );
    let timer: NodeJS.Timeout | undefined;
    const touch = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(timeoutError), this.timeoutMs);
    };
    const done = (): void => clearTimeout(timer);
    touch();
    const signal = this.signal ? AbortSignal.any([controller.signal, this.signal]) : controller.signal;
    const allHeaders = { ...headers };
    if (authorization) allHeaders.authorization = authorization;
    try {
      const res = await fetch(url, { method, headers: allHeaders, signal, redirect: 'follow' });
      return { res, touch, done };
    } catch (err) {
      done();
      throw this.mapError(err, what);
    }
  }

  mapError(err: unknown, what: string): unknown {
    if (err instanceof BulwarkError) return err;
    if (this.signal?.aborted) return this.signal.reason ?? err;
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    const text = cause instanceof Error ? cause.message : String(cause);
    return new BulwarkError('SOURCE_UNAVAILABLE', `cannot reach ${this.baseUrl} for ${what}: ${text}`, {
      cause: err,
    });
  }

  async readAll(guarded: Guarded, maxBytes: number, what: string): Promise<Buffer> {
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      const body = guarded.res.body;
      if (!body) return Buffer.alloc(0);
      for await (const chunk of body as WebReadableStream<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes) {
          throw new BulwarkError('REGISTRY_BAD_RESPONSE', `${what}: larger than the ${maxBytes}-byte limit`);
        }
        chunks.push(Buffer.from(chunk));
      }
      return Buffer.concat(chunks);
    } catch (err) {
      throw this.mapError(err, what);
    } finally {
      guarded.done();
    }
  }

  /**
   * A response body as a stream. The timeout then guards each wait for data the consumer
   * asked for: a registry silent for timeoutMs errors the stream with REGISTRY_TIMEOUT,
   * while a slow consumer (backpressure) never trips it.
   */
  stream(guarded: Guarded, what: string): Readable {
    guarded.done();
    const body = guarded.res.body;
    if (!body) throw new BulwarkError('REGISTRY_BAD_RESPONSE', `${what}: empty response`);
    const reader = (body as WebReadableStream<Uint8Array>).getReader();
    const mapError = (err: unknown): Error => {
      const mapped = this.mapError(err, what);
      return mapped instanceof Error ? mapped : new Error(String(mapped));
    };
    return new Readable({
      read() {
        guarded.touch();
        reader.read().then(
          ({ done, value }) => {
            guarded.done();
            this.push(done ? null : Buffer.from(value.buffer, value.byteOffset, value.byteLength));
          },
          (err: unknown) => {
            guarded.done();
            this.destroy(mapError(err));
          },
        );
      },
      destroy(err, callback) {
        guarded.done();
        reader.cancel().catch(() => undefined);
        callback(err);
      },
    });
  }
}

/** Ends a response we do not read, so its connection goes back to the pool. */
export async function discard(guarded: Guarded): Promise<void> {
  guarded.done();
  await guarded.res.body?.cancel().catch(() => undefined);
}

export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
