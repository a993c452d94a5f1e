/**
 * `/csapi/v1.1/registry/…` routes of registry scanning (issue 12): the scan jobs of a
 * schedule with their per-image results, a run-now for a schedule, and refreshing a
 * registry's repository list from its catalog. Configuration routes: registry-routes.ts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import { jobsOfSchedule } from '../../../../../db/repositories/registry-jobs-repository.js';
import type { TenantScope } from '../../../../../db/tenant.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { errorResponses, UuidString } from '../../../../schemas.js';
import { ScanJob } from './registry-schemas.js';

const ScheduleParams = Type.Object(
  { registryId: UuidString, scheduleId: UuidString },
  { additionalProperties: false },
);

async function requireSchedule(scope: TenantScope, registryUuid: string, scheduleUuid: string) {
  const found = await scope
    .selectFrom('registry_schedules')
    .select('id')
    .where('registry_uuid', '=', registryUuid)
    .where('id', '=', scheduleUuid)
    .executeTakeFirst();
  if (!found) throw new BulwarkError('NOT_FOUND', `no schedule ${scheduleUuid} in registry ${registryUuid}`);
}

export function registryScanRoutes(_deps: RouteDeps) {
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
  };
}
