/**
 * Runs one registry scan job to its end: each image is scanned (or skipped, when its digest
 * was already uploaded), its SBOM uploaded with the registry's uuid, and its result reported
 * at once, so the schedule API shows progress while the job runs. One image failing (a tag
 * that is gone, a corrupt layer) is that image's result, not the job's; the job fails only
 * when it cannot run at all or when every image failed, with the reason the images gave.
 *
 * Images run one after another (layers of one image in parallel): two images sharing a
 * base scanned side by side would both download the base before either cached it.
 */
import { randomUUID } from 'node:crypto';
import { buildCycloneDx } from '../../core/sbom/format/cyclonedx-encoder.js';
import { TokenCache } from '../../core/source/registry/bearer-token.js';
import { familiarName, parseReference } from '../../core/source/registry/parse-reference.js';
import type { ImageResult, JobImage, SensorRegistry } from '../../server/registry/registry-job-protocol.js';
import type { Logger } from '../log/logger.js';
import type { JobReporter, RegistryJob } from './registry-job-client.js';
import { registryTarget } from './registry-target.js';
import { type ImageScanEnv, scanRegistryImage } from './scan-registry-image.js';

export interface JobRunEnv extends Omit<ImageScanEnv, 'tokens'> {
  reporter: JobReporter;
  log: Logger;
  ecrPassword?: (registry: SensorRegistry) => Promise<string>;
}

export interface JobOutcome {
  state: 'Completed' | 'Failed';
  error?: string;
  results: ImageResult[];
}

const MAX_ERROR = 4000;
const oneLine = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').slice(0, MAX_ERROR);

export async function runRegistryJob(job: RegistryJob, env: JobRunEnv): Promise<JobOutcome> {
  const { log } = env;
  let outcome: JobOutcome;
  try {
    const target = await registryTarget(job.registry, env.ecrPassword);
    const scanEnv: ImageScanEnv = { ...env, tokens: new TokenCache() };
    const results: ImageResult[] = [];
    for (const image of job.images) {
      if (env.signal?.aborted) throw new Error('the sensor is stopping');
      const result = await runImage(job, image, target, scanEnv, env);
      results.push(result);
      await env.reporter.progress(job.id, [result]);
    }
    const failed = results.filter((r) => r.status === 'failed');
    outcome =
      results.length > 0 && failed.length === results.length
        ? {
            state: 'Failed',
            error: `every image failed; first: ${failed[0]?.error ?? ''}`.slice(0, MAX_ERROR),
            results,
          }
        : { state: 'Completed', results };
  } catch (err) {
    outcome = { state: 'Failed', error: oneLine(err), results: [] };
  }
  await env.reporter.complete(job.id, {
    state: outcome.state,
    ...(outcome.error ? { error: outcome.error } : {}),
  });
  log.info(
    `registry job ${job.id}: ${outcome.state}, ${outcome.results.length}/${job.images.length} image(s) reported${outcome.error ? ` (${outcome.error})` : ''}`,
  );
  return outcome;
}

async function runImage(
  job: RegistryJob,
  image: JobImage,
  target: Awaited<ReturnType<typeof registryTarget>>,
  scanEnv: ImageScanEnv,
  env: JobRunEnv,
): Promise<ImageResult> {
  const label = `${image.repository}${image.tag ? `:${image.tag}` : ''}${image.digest ? `@${image.digest}` : ''}`;
  const base: ImageResult = {
    repository: image.repository,
    ...(image.tag ? { tag: image.tag } : {}),
    ...(image.digest ? { digest: image.digest } : {}),
    status: 'scanned',
  };
  try {
    const scan = await scanRegistryImage(target, image, scanEnv);
    if (scan.kind === 'skipped') {
      env.log.info(`registry job ${job.id}: ${label} unchanged (${scan.digest}), SBOM already uploaded`);
      return { ...base, digest: scan.digest, imageId: scan.imageId };
    }
    const { sbom } = scan;
    const ref = parseReference(`${target.host}/${image.repository}`);
    const repoTags = image.tag ? [`${familiarName(ref)}:${image.tag}`] : sbom.image.repoTags;
    await env.reporter.uploadSbom(
      {
        schemaVersion: 1,
        assetType: 'IMAGE',
        imageSha: sbom.image.imageId,
        repoTags,
        registryUuid: target.uuid,
        sbom: buildCycloneDx(sbom).bom,
      },
      `bw-${randomUUID()}`,
    );
    if (scan.digest)
      env.scanned?.record(
        { registryUuid: target.uuid, repository: image.repository, tag: image.tag, digest: scan.digest },
        sbom.image.imageId,
      );
    env.log.info(`registry job ${job.id}: scanned ${label} (${sbom.packages.length} packages)`);
    return { ...base, ...(scan.digest ? { digest: scan.digest } : {}), imageId: sbom.image.imageId };
  } catch (err) {
    env.log.warn(`registry job ${job.id}: ${label} failed: ${oneLine(err)}`);
    return { ...base, status: 'failed', error: oneLine(err) };
  }
}
