/**
 * `/csapi/v1.1/registry/…` routes of registry scanning (issue 12): the scan jobs of a
 * schedule with their per-image results, a run-now for a schedule, and refreshing a
 * registry's repository list from its catalog. Configuration routes: registry-routes.ts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import {
  listRepositories,
  registryWithSecrets,
  repositoryTags,
  saveRepository,
} from '../../../../../db/repositories/registries-repository.js';
import { jobsOfSchedule } from '../../../../../db/repositories/registry-jobs-repository.js';
import type { TenantScope } from '../../../../../db/tenant.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { listCatalog, listTags } from '../../../../registry/registry-catalog.js';
import { explainRegistryError, registryClients } from '../../../../registry/registry-connection.js';
import { errorResponses } from '../../../../schemas.js';
import { RegistryParam, Repository, ScanJob, ScheduleParams } from './registry-schemas.js';

async function requireSchedule(scope: TenantScope, registryUuid: string, scheduleUuid: string) {
  const found = await scope
    .selectFrom('registry_schedules')
    .select('id')
    .where('registry_uuid', '=', registryUuid)
    .where('id', '=', scheduleUuid)
    .executeTakeFirst();
  if (!found) throw new BulwarkError('NOT_FOUND', `no schedule ${scheduleUuid} in registry ${registryUuid}`);
}

/** Lists the catalog (all pages) and each repository's tags, and records them. */
async function syncRepositories(deps: RouteDeps, scope: TenantScope, registryUuid: string) {
  const reg = await registryWithSecrets(scope, registryUuid, deps.secrets);
  if (!reg) throw new BulwarkError('NOT_FOUND', `no registry ${registryUuid}`);
  try {
    const client = await registryClients(reg);
    const names = await listCatalog(client('bulwark-catalog'));
    const now = Date.now();
    for (const name of names)
      await saveRepository(scope, registryUuid, name, await listTags(client(name), name), now);
  } catch (err) {
    if (err instanceof BulwarkError && (err.code === 'INTERNAL' || err.code === 'NOT_FOUND')) throw err;
    const why = explainRegistryError(err, reg.uri);
    // The registry, not this request, is at fault: a 409 with the reason.
    throw new BulwarkError('CONFLICT', `cannot list ${reg.uri}: ${why.message}`, { cause: err });
  }
  return listRepositories(scope, registryUuid);
}

export function registryScanRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['registry'];
    app.get(
      '/registry/:registryId/schedule/:scheduleId/jobs',
      {
        schema: {
          tags,
          summary: 'Scan jobs of a schedule, newest first, with per-image results and errors',
          params: ScheduleParams,
          response: { 200: Type.Array(ScanJob), ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await requireSchedule(scope, req.params.registryId, req.params.scheduleId);
        return jobsOfSchedule(scope, req.params.scheduleId);
      },
    );
    app.post(
      '/registry/:registryId/repository/sync',
      {
        schema: {
          tags,
          summary: 'List the registry catalog (every page) and each repository tags now, and store them',
          params: RegistryParam,
          response: { 200: Type.Array(Repository), ...errorResponses },
        },
      },
      async (req) => syncRepositories(deps, scopeOf(req), req.params.registryId),
    );
    app.get(
      '/registry/:registryId/repository/tags',
      {
        schema: {
          tags,
          summary: 'Tags of one repository, as the last listing found them',
          params: RegistryParam,
          querystring: Type.Object(
            { repo: Type.String({ minLength: 1, maxLength: 512 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ repoName: Type.String(), tags: Type.Array(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const tags = await repositoryTags(scopeOf(req), req.params.registryId, req.query.repo);
        if (!tags)
          throw new BulwarkError(
            'NOT_FOUND',
            `no repository ${req.query.repo} listed for registry ${req.params.registryId}`,
          );
        return { repoName: req.query.repo, tags };
      },
    );
  };
}
