/**
 * Turns a queued scan job into the list of images a registry sensor will scan: the
 * schedule's repositories (or the whole catalog), their tags through the tag filter, the
 * specific tags and digests it names, and — with "pushed in the last N days" — only images
 * whose config says they were created since. Each repository's tags are recorded. What
 * cannot be scanned (a repository or tag that does not exist) becomes a failed per-image
 * result with the reason; a job with nothing left to scan ends Failed with those reasons;
 * a registry that cannot be reached or refuses the credentials fails the job with that
 * reason. Idempotent per job: it only acts while the job is Queued and unlisted.
 */
import { BulwarkError, isBulwarkError } from '../../core/errors.js';
import type { RegistryClient } from '../../core/source/registry/registry-client.js';
import {
  registryWithSecrets,
  type SecretSealer,
  saveRepository,
} from '../../db/repositories/registries-repository.js';
import {
  finishJob,
  type JobImageRef,
  type JobImageResult,
  recordResults,
  setJobImages,
} from '../../db/repositories/registry-jobs-repository.js';
import { type ScheduleFilter, scheduleRow } from '../../db/repositories/registry-schedules-repository.js';
import type { TenantScope } from '../../db/tenant.js';
import { listCatalog, listTags } from './registry-catalog.js';
import { type ConnectionOptions, explainRegistryError, registryClients } from './registry-connection.js';
import { compileTagFilter, type TagFilterKind } from './schedule-rules.js';

export interface ExpandDeps {
  secrets: SecretSealer;
  now: () => number;
  connection?: ConnectionOptions;
}

const DAY = 86_400_000;
const MAX_CONFIG = 1024 * 1024;

/** The image config's `created` (epoch ms) of `repo:reference`; undefined when it says nothing. */
async function createdAt(client: RegistryClient, reference: string): Promise<number | undefined> {
  let manifest = JSON.parse((await client.getManifest(reference)).bytes.toString('utf8')) as {
    manifests?: { digest: string; platform?: { os?: string; architecture?: string } }[];
    config?: { digest: string };
  };
  if (manifest.manifests) {
    const pick =
      manifest.manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ??
      manifest.manifests[0];
    if (!pick) return undefined;
    manifest = JSON.parse((await client.getManifest(pick.digest)).bytes.toString('utf8')) as typeof manifest;
  }
  if (!manifest.config?.digest) return undefined;
  const config = JSON.parse(
    (await client.getBlobBytes(manifest.config.digest, MAX_CONFIG)).toString('utf8'),
  ) as {
    created?: string;
  };
  const t = config.created ? Date.parse(config.created) : Number.NaN;
  return Number.isNaN(t) ? undefined : t;
}

function missingRepository(repo: string, uri: string, catalog: string[] | undefined): string {
  const deeper = catalog?.filter((c) => c.startsWith(`${repo}/`)).slice(0, 3) ?? [];
  const hint =
    deeper.length > 0
      ? `; schedules name full repository paths, e.g. ${deeper.join(', ')}`
      : '; schedules name full repository paths as /v2/_catalog lists them';
  return `repository "${repo}" does not exist in ${uri}${hint}`;
}

export async function expandJob(
  deps: ExpandDeps,
  scope: TenantScope,
  job: { id: string; registry_uuid: string; schedule_uuid: string },
): Promise<void> {
  const now = deps.now();
  const fail = (why: string) => finishJob(scope, job.id, 'Failed', why, deps.now());
  const reg = await registryWithSecrets(scope, job.registry_uuid, deps.secrets);
  const schedule = await scheduleRow(scope, job.registry_uuid, job.schedule_uuid);
  if (!reg || !schedule) return void (await fail('the registry or schedule was deleted'));
  const filters = JSON.parse(schedule.filters_json) as ScheduleFilter[];
  const tagOk = compileTagFilter(schedule.tag_filter, (schedule.tag_filter_kind ?? 'glob') as TagFilterKind);
  const images: JobImageRef[] = [];
  const failures: JobImageResult[] = [];
  try {
    const client = await registryClients(reg, deps.connection);
    const catalogClient = client('bulwark-catalog');
    let catalog: string[] | undefined;
    const wanted = new Map<string, ScheduleFilter[]>();
    if (filters.length === 0) {
      catalog = await listCatalog(catalogClient);
      for (const repo of catalog) wanted.set(repo, [{ repo }]);
    } else for (const f of filters) wanted.set(f.repo, [...(wanted.get(f.repo) ?? []), f]);

    for (const [repo, entries] of wanted) {
      let tags: string[];
      try {
        tags = await listTags(client(repo), repo);
      } catch (err) {
        if (!isBulwarkError(err, 'REGISTRY_NOT_FOUND')) throw err;
        catalog ??= await listCatalog(catalogClient).catch(() => undefined);
        failures.push({
          repository: repo,
          status: 'failed',
          error: missingRepository(repo, reg.uri, catalog),
        });
        continue;
      }
      await saveRepository(scope, reg.uuid, repo, tags, now);
      for (const e of entries) {
        if (e.digest) images.push({ repository: repo, digest: e.digest });
        else if (e.tag) {
          if (tags.includes(e.tag)) images.push({ repository: repo, tag: e.tag });
          else
            failures.push({
              repository: repo,
              tag: e.tag,
              status: 'failed',
              error: `tag "${e.tag}" does not exist in ${repo}`,
            });
        } else for (const t of tags.filter(tagOk)) images.push({ repository: repo, tag: t });
      }
    }
    const unique = [...new Map(images.map((i) => [`${i.repository}|${i.tag}|${i.digest}`, i])).values()];
    let chosen = unique;
    if (schedule.pushed_within_days) {
      const since = now - schedule.pushed_within_days * DAY;
      chosen = [];
      for (const i of unique) {
        // Unknown age: scanned (skipping what we could not date would be a silent gap).
        const created = await createdAt(client(i.repository), i.digest ?? i.tag ?? 'latest').catch(
          () => undefined,
        );
        if (created === undefined || created >= since) chosen.push(i);
      }
    }
    if (failures.length > 0) await recordResults(scope, job.id, failures, deps.now());
    if (chosen.length === 0 && failures.length > 0) {
      await fail(failures.map((f) => f.error).join('; '));
      return;
    }
    await setJobImages(scope, job.id, chosen, deps.now());
    if (chosen.length === 0) await finishJob(scope, job.id, 'Completed', undefined, deps.now());
  } catch (err) {
    if (err instanceof BulwarkError && err.code === 'INTERNAL') throw err;
    await fail(explainRegistryError(err, reg.uri).message);
  }
}
