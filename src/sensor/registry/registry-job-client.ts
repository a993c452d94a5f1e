/**
 * The sensor's side of the registry job protocol (src/server/registry/registry-job-protocol.ts):
 * claim, progress, complete, and the SBOM upload with the registry's uuid. A claimed job is
 * checked against the protocol's schema before anything acts on it. Calls the server could
 * not take (unreachable, 5xx, 429) are retried with backoff for a while; a refusal is not.
 */
import { Value } from 'typebox/value';
import { BulwarkError } from '../../core/errors.js';
import { isRecord } from '../../core/json-guards.js';
import {
  ClaimedJob,
  type CompleteReport,
  type ImageResult,
  REGISTRY_JOB_PATHS,
} from '../../server/registry/registry-job-protocol.js';
import { DeliveryError, type SensorClient } from '../client/sensor-client.js';
import { backoffDelay } from '../queue/deliverer.js';

export type RegistryJob = ClaimedJob['job'];

export interface RegistrySbomUpload {
  schemaVersion: 1;
  assetType: 'IMAGE';
  imageSha: string;
  repoTags: string[];
  registryUuid: string;
  sbom: unknown;
}

/** What a job run needs from the server; the bench runs jobs against a sink instead. */
export interface JobReporter {
  uploadSbom(body: RegistrySbomUpload, idempotencyKey: string): Promise<void>;
  progress(jobId: string, results: ImageResult[]): Promise<void>;
  complete(jobId: string, report: CompleteReport): Promise<void>;
}

export function readClaim(body: unknown): RegistryJob {
  if (!Value.Check(ClaimedJob, body)) {
    const first = [...Value.Errors(ClaimedJob, body)][0];
    throw new BulwarkError(
      'INPUT_INVALID',
      `the server's registry job is malformed: ${first ? `${first.instancePath || '/'} ${first.message}` : 'unreadable'}`,
    );
  }
  return body.job;
}

/** Tries a call until it succeeds, is refused, or `attempts` retryable failures passed. */
async function retrying<T>(call: () => Promise<T>, attempts = 6, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const retryable = err instanceof DeliveryError && err.retryable;
      if (!retryable || attempt + 1 >= attempts || signal?.aborted) throw err;
      await new Promise((r) => setTimeout(r, backoffDelay(attempt, 500, 10_000)));
    }
  }
}

export class ServerJobReporter implements JobReporter {
  constructor(
    private readonly client: SensorClient,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * The next job, or undefined. A claimed job this sensor cannot read is completed as
   * Failed with the reason, so it does not stay Running on the server.
   */
  async claim(): Promise<RegistryJob | undefined> {
    const body = await this.client.call<unknown>(REGISTRY_JOB_PATHS.claim, {});
    if (body === undefined) return undefined;
    try {
      return readClaim(body);
    } catch (err) {
      const id = isRecord(body) && isRecord(body.job) ? body.job.id : undefined;
      if (typeof id === 'string')
        await this.complete(id, { state: 'Failed', error: (err as Error).message.slice(0, 4000) });
      throw err;
    }
  }

  async uploadSbom(body: RegistrySbomUpload, idempotencyKey: string): Promise<void> {
    await retrying(() => this.client.upload('sbom', body, idempotencyKey), 6, this.signal);
  }

  async progress(jobId: string, results: ImageResult[]): Promise<void> {
    await retrying(() => this.client.call(REGISTRY_JOB_PATHS.progress(jobId), { results }), 6, this.signal);
  }

  async complete(jobId: string, report: CompleteReport): Promise<void> {
    await retrying(() => this.client.call(REGISTRY_JOB_PATHS.complete(jobId), report), 10, this.signal);
  }
}
