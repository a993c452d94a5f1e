/**
 * The sensor's side of `/sensor/v1` (src/server/sensor/sensor-routes.ts): activation,
 * heartbeat and the idempotent uploads. Speaks HTTP(S) through an optional proxy; the
 * proxy certificate (ProxyCertFile) is trusted only when a Proxy is set, as the reference
 * says. A failed delivery is a `DeliveryError` telling the queue whether a retry can help.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Agent, type Dispatcher, ProxyAgent, request } from 'undici';
import { BulwarkError } from '../../core/errors.js';
import type { SensorMode } from '../config/sensor-options.js';

export interface ActivationBody {
  activationId: string;
  customerId: string;
  identity: string;
  hostname: string;
  ipAddresses: string[];
  operatingSystem?: string;
  dockerVersion?: string;
  sensorVersion: string;
  mode: SensorMode;
  /** HostIdSearchDir marker, else generated once and kept in Storage (src/sensor/host/host-info.ts). */
  hostUuid: string;
}

export interface Activation {
  sensorUuid: string;
  credential: string;
  reactivated: boolean;
}

export interface InactiveWindow {
  days?: number[];
  start: string;
  end: string;
  timeZone: string;
}

export interface ServerConfig {
  inactiveWindows: InactiveWindow[];
  scanIntervalHours: number;
  concurrency: number;
  cpuLimitPercent: number;
  triggerTagName: string;
  logLevel: number;
}

export interface HeartbeatAnswer {
  config: ServerConfig;
  updateAvailable: boolean;
  latestVersion: string | null;
  serverTime: number;
}

export type UploadKind = 'inventory' | 'events' | 'sbom';

/** `retryable`: the server was unreachable or busy (5xx, 429); otherwise the upload is refused for good. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  serverUrl: string;
  proxy?: string | undefined;
  proxyCertFile?: string | undefined;
  timeoutMs?: number;
}

export class SensorClient {
  private readonly dispatcher: Dispatcher;
  credential: string | undefined;

  constructor(private readonly opts: ClientOptions) {
    const timeout = opts.timeoutMs ?? 30_000;
    if (opts.proxy) {
      const ca = opts.proxyCertFile ? readProxyCert(opts.proxyCertFile) : undefined;
      this.dispatcher = new ProxyAgent({
        uri: opts.proxy,
        ...(ca ? { proxyTls: { ca }, requestTls: { ca } } : {}),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
    } else {
      this.dispatcher = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connect: { timeout } });
    }
  }

  activate(body: ActivationBody): Promise<Activation> {
    return this.post<Activation>('/activate', body, {});
  }

  heartbeat(body: { version: string; mode: SensorMode; status: 'ACTIVE' | 'INACTIVE'; queueDepth: number }) {
    return this.post<HeartbeatAnswer>('/heartbeat', body, this.auth());
  }

  /** One idempotent upload; the same key on a retry makes the server answer the first result. */
  upload(kind: UploadKind, body: unknown, idempotencyKey: string): Promise<unknown> {
    return this.post(`/${kind}`, body, { ...this.auth(), 'idempotency-key': idempotencyKey }, true);
  }

  /**
   * Any other authenticated `/sensor/v1` call (the registry job protocol); undefined when
   * the server answers 204 No Content.
   */
  call<T>(path: string, body: unknown): Promise<T | undefined> {
    return this.post<T | undefined>(path, body, this.auth());
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private auth(): Record<string, string> {
    if (!this.credential) throw new BulwarkError('USAGE', 'the sensor is not activated yet');
    return { authorization: `Bearer ${this.credential}` };
  }

  private async post<T>(
    path: string,
    body: unknown,
    headers: Record<string, string>,
    gzip = false,
  ): Promise<T> {
    const json = Buffer.from(JSON.stringify(body));
    // SBOMs compress ten to one; small bodies are not worth it.
    const compress = gzip && json.length > 4096;
    let res: Dispatcher.ResponseData;
    try {
      res = await request(`${this.opts.serverUrl}/sensor/v1${path}`, {
        method: 'POST',
        dispatcher: this.dispatcher,
        headers: {
          'content-type': 'application/json',
          ...(compress ? { 'content-encoding': 'gzip' } : {}),
          ...headers,
        },
        body: compress ? gzipSync(json) : json,
      });
    } catch (err) {
      throw new DeliveryError(`server ${this.opts.serverUrl} unreachable: ${(err as Error).message}`, true);
    }
    const text = await res.body.text();
    if (res.statusCode === 204) return undefined as T;
    if (res.statusCode >= 200 && res.statusCode < 300) return JSON.parse(text) as T;
    const retryable = res.statusCode >= 500 || res.statusCode === 429 || res.statusCode === 408;
    throw new DeliveryError(
      `POST ${path}: HTTP ${res.statusCode} ${text.slice(0, 300)}`,
      retryable,
      res.statusCode,
    );
  }
}

function readProxyCert(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new BulwarkError('IO', `cannot read ProxyCertFile ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
