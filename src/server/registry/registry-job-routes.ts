/**
 * The registry-scan job protocol's routes (types and contract: registry-job-protocol.ts),
 * registered inside the authenticated sensor API. Only sensors activated in mode
 * `registry` may call them; a job id is only ever visible to the sensor holding it.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BulwarkError } from '../../core/errors.js';
import { registryWithSecrets, type SecretSealer } from '../../db/repositories/registries-repository.js';
import {
  claimJob,
  finishJob,
  heldJob,
  recordResults,
} from '../../db/repositories/registry-jobs-repository.js';
import { errorResponses } from '../schemas.js';
import { sensorOf } from '../sensor/sensor-auth.js';
import { linkScannedImages } from './link-scanned-images.js';
import {
  ClaimedJob,
  CompleteAccepted,
  CompleteReport,
  JobIdParam,
  ProgressAccepted,
  ProgressReport,
  REGISTRY_JOB_PATHS,
  type SensorRegistry,
} from './registry-job-protocol.js';

export interface RegistryJobDeps {
  secrets: SecretSealer;
  /** The clock (tests pin it). */
  now?: () => number;
}

function registrySensor(req: FastifyRequest) {
  const s = sensorOf(req);
  if (s.mode !== 'REGISTRY')
    throw new BulwarkError('FORBIDDEN', 'registry jobs are for sensors activated in mode registry');
  return s;
}

/** Drops null fields: the protocol leaves out what does not apply. */
function present(r: Record<string, string | null>): Partial<SensorRegistry> {
  return Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as Partial<SensorRegistry>;
}

export function registryJobRoutes(app: FastifyInstance, deps: RegistryJobDeps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const now = deps.now ?? Date.now;
  const tags = ['sensor'];
  const security = [{ sensorCredential: [] }];
  r.post(
    REGISTRY_JOB_PATHS.claim,
    {
      schema: {
        tags,
        security,
        summary: 'Registry sensors: claim the next queued registry scan job (204 when none)',
        response: { 200: ClaimedJob, 204: { type: 'null', description: 'no job queued' }, ...errorResponses },
      },
    },
    async (req, reply) => {
      const s = registrySensor(req);
      const job = await claimJob(s.scope, s.sensorId, now());
      if (!job) return reply.code(204).send(null);
      let registry: Awaited<ReturnType<typeof registryWithSecrets>>;
      try {
        registry = await registryWithSecrets(s.scope, job.registryUuid, deps.secrets);
        if (!registry) throw new BulwarkError('NOT_FOUND', `registry ${job.registryUuid} is gone`);
      } catch (err) {
        // A job the sensor cannot run must not stay Running: fail it with the reason.
        await finishJob(s.scope, job.id, 'Failed', (err as Error).message, now());
        throw err;
      }
      const { uuid, uri, type, credentialType, ...rest } = registry;
      return {
        job: {
          id: job.id,
          scheduleUuid: job.scheduleUuid,
          registry: { uuid, uri, type, credentialType, ...present(rest) },
          images: job.images,
        },
      };
    },
  );
  r.post(
    '/registry-jobs/:id/progress',
    {
      schema: {
        tags,
        security,
        summary: 'Registry sensors: report per-image results of a claimed job',
        params: JobIdParam,
        body: ProgressReport,
        response: { 200: ProgressAccepted, ...errorResponses },
      },
    },
    async (req) => {
      const s = registrySensor(req);
      const job = await heldJob(s.scope, req.params.id, s.sensorId);
      if (!job)
        throw new BulwarkError('NOT_FOUND', `no running registry job ${req.params.id} held by this sensor`);
      await recordResults(s.scope, req.params.id, req.body.results, now());
      const registry = await s.scope
        .selectFrom('registries')
        .select(['id', 'registry_uri', 'registry_type'])
        .where('id', '=', job.registry_uuid)
        .executeTakeFirst();
      if (registry) {
        const ref = { uuid: registry.id, uri: registry.registry_uri, type: registry.registry_type };
        await linkScannedImages(s.scope, ref, req.body.results);
      }
      return { recorded: req.body.results.length };
    },
  );
  r.post(
    '/registry-jobs/:id/complete',
    {
      schema: {
        tags,
        security,
        summary: 'Registry sensors: finish a claimed job (Completed or Failed with the reason)',
        params: JobIdParam,
        body: CompleteReport,
        response: { 200: CompleteAccepted, ...errorResponses },
      },
    },
    async (req) => {
      const s = registrySensor(req);
      if (!(await heldJob(s.scope, req.params.id, s.sensorId)))
        throw new BulwarkError('NOT_FOUND', `no running registry job ${req.params.id} held by this sensor`);
      if (req.body.state === 'Failed' && !req.body.error)
        throw new BulwarkError('BAD_REQUEST', 'a Failed job needs an error saying why');
      await finishJob(s.scope, req.params.id, req.body.state, req.body.error, now());
      return { id: req.params.id, state: req.body.state };
    },
  );
}
