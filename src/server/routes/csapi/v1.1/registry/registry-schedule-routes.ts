/**
 * `/csapi/v1.1/registry/{registryId}/schedule…`: scan schedules. ON_DEMAND runs at once
 * (whole repositories, or specific images by tag or digest); DAILY scans whole repositories
 * every day at HH:MM in an IANA time zone, fired by the `registry-schedules` job. Both take
 * a tag filter (glob or regex) and "only images pushed in the last N days". A run is a scan
 * job (Queued → Running → Completed | Failed), listed by registry-scan-routes.ts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import { requireRegistry } from '../../../../../db/repositories/registries-repository.js';
import { activeJobOfSchedule, createJob } from '../../../../../db/repositories/registry-jobs-repository.js';
import {
  createSchedule,
  deleteSchedules,
  listSchedules,
  type ScheduleInput,
  scheduleRow,
  updateSchedule,
} from '../../../../../db/repositories/registry-schedules-repository.js';
import type { TenantScope } from '../../../../../db/tenant.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { expandJob } from '../../../../registry/expand-job.js';
import {
  assertTimeZone,
  compileTagFilter,
  nextDailyRun,
  parseTimeOfDay,
  repositoryPathProblem,
} from '../../../../registry/schedule-rules.js';
import { errorResponses } from '../../../../schemas.js';
import { RegistryParam, Schedule, ScheduleBody, ScheduleParams, UuidArray } from './registry-schemas.js';

const ScheduleUuid = Type.Object({ scheduleUuid: Type.String(), jobUuid: Type.Optional(Type.String()) });
const DeletedSchedules = Type.Object({ deletedScheduleUuids: Type.Array(Type.String()) });

/** Every rule a schedule body must meet, as one 400 naming the first broken one. */
export function scheduleInput(body: Static<typeof ScheduleBody>, now: number): ScheduleInput {
  const bad = (why: string) => new BulwarkError('BAD_REQUEST', `invalid schedule: ${why}`);
  const zone = body.timeZone ?? 'UTC';
  assertTimeZone(zone);
  const filters = body.filters ?? [];
  for (const f of filters) {
    const problem = repositoryPathProblem(f.repo);
    if (problem) throw bad(problem);
    if (f.tag && f.digest) throw bad(`give a tag or a digest for ${f.repo}, not both`);
  }
  compileTagFilter(body.tagFilter, body.tagFilterType);
  let nextRunAt: number | null = null;
  if (body.scheduleType === 'DAILY') {
    if (!body.timeOfDay) throw bad('a DAILY schedule needs timeOfDay (HH:MM)');
    parseTimeOfDay(body.timeOfDay);
    if (filters.some((f) => f.tag || f.digest))
      throw bad(
        'a DAILY (automatic) schedule scans whole repositories: name repositories without tag or digest',
      );
    nextRunAt = nextDailyRun(now, body.timeOfDay, zone);
  } else if (body.timeOfDay) throw bad('timeOfDay applies to DAILY schedules only');
  return {
    name: body.name,
    scheduleType: body.scheduleType,
    timeOfDay: body.timeOfDay,
    timeZone: body.timeZone,
    filters,
    tagFilter: body.tagFilter,
    tagFilterType: body.tagFilterType,
    pushedWithinDays: body.pushedWithinDays,
    nextRunAt,
  };
}

/** Queues a run and lists its images after the response (the job system would too, within a minute). */
async function startRun(deps: RouteDeps, scope: TenantScope, registryUuid: string, scheduleUuid: string) {
  if (await activeJobOfSchedule(scope, scheduleUuid))
    throw new BulwarkError('CONFLICT', `schedule ${scheduleUuid} already has a queued or running scan job`);
  const id = await createJob(scope, registryUuid, scheduleUuid, Date.now());
  deps.background.run(() =>
    expandJob({ secrets: deps.secrets, now: Date.now }, scope, {
      id,
      registry_uuid: registryUuid,
      schedule_uuid: scheduleUuid,
    }),
  );
  return id;
}

export function registryScheduleRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['registry'];
    app.get(
      '/registry/:registryId/schedule',
      {
        schema: {
          tags,
          summary: 'Schedules of a registry',
          params: RegistryParam,
          response: { 200: Type.Array(Schedule), ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await requireRegistry(scope, req.params.registryId);
        return listSchedules(scope, req.params.registryId);
      },
    );
    app.post(
      '/registry/:registryId/schedule',
      {
        schema: {
          tags,
          summary: 'Create a scan schedule (ON_DEMAND starts a scan job at once)',
          params: RegistryParam,
          body: ScheduleBody,
          response: { 200: ScheduleUuid, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await requireRegistry(scope, req.params.registryId);
        const input = scheduleInput(req.body, Date.now());
        const id = await createSchedule(scope, req.params.registryId, input);
        if (input.scheduleType === 'DAILY') return { scheduleUuid: id };
        return { scheduleUuid: id, jobUuid: await startRun(deps, scope, req.params.registryId, id) };
      },
    );
    app.post(
      '/registry/:registryId/schedule/:scheduleId/run',
      {
        schema: {
          tags,
          summary: 'Run a schedule now (409 while one of its jobs is queued or running)',
          params: ScheduleParams,
          response: { 200: ScheduleUuid, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        if (!(await scheduleRow(scope, req.params.registryId, req.params.scheduleId)))
          throw new BulwarkError(
            'NOT_FOUND',
            `no schedule ${req.params.scheduleId} in registry ${req.params.registryId}`,
          );
        const jobUuid = await startRun(deps, scope, req.params.registryId, req.params.scheduleId);
        return { scheduleUuid: req.params.scheduleId, jobUuid };
      },
    );
    app.put(
      '/registry/:registryId/schedule/:scheduleId',
      {
        schema: {
          tags,
          summary: 'Update a scan schedule',
          params: ScheduleParams,
          body: ScheduleBody,
          response: { 200: ScheduleUuid, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const input = scheduleInput(req.body, Date.now());
        if (!(await updateSchedule(scope, req.params.registryId, req.params.scheduleId, input))) {
          throw new BulwarkError(
            'NOT_FOUND',
            `no schedule ${req.params.scheduleId} in registry ${req.params.registryId}`,
          );
        }
        return { scheduleUuid: req.params.scheduleId };
      },
    );
    app.delete(
      '/registry/:registryId/schedule/:scheduleId',
      {
        schema: {
          tags,
          summary: 'Delete a scan schedule',
          params: ScheduleParams,
          response: { 200: DeletedSchedules, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await requireRegistry(scope, req.params.registryId);
        return {
          deletedScheduleUuids: await deleteSchedules(scope, req.params.registryId, [req.params.scheduleId]),
        };
      },
    );
    app.delete(
      '/registry/:registryId/schedule',
      {
        schema: {
          tags,
          summary: 'Delete several scan schedules (body: array of UUIDs)',
          params: RegistryParam,
          body: UuidArray,
          response: { 200: DeletedSchedules, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await requireRegistry(scope, req.params.registryId);
        return { deletedScheduleUuids: await deleteSchedules(scope, req.params.registryId, req.body) };
      },
    );
  };
}
