/**
 * The sensor protocol, `/sensor/v1`: activation (no credential yet: ActivationId +
 * CustomerId), then, with the sensor's own credential, heartbeats and the idempotent
 * uploads (inventory snapshots, events, SBOMs). Documented in the OpenAPI document under
 * the `sensor` tag with the versioned upload schemas.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { SecretSealer } from '../../db/repositories/registries-repository.js';
import { activateSensor, recordHeartbeat } from '../../db/repositories/sensor-identity-repository.js';
import type { SensorType } from '../../db/schema.js';
import { afterSbomStored, type IngestDeps } from '../ingest/after-ingest.js';
import { applyEvents } from '../ingest/events-ingest.js';
import { acceptGzipBodies } from '../ingest/gzip-body.js';
import { applyOnce } from '../ingest/idempotency.js';
import {
  EventsUploadV1,
  IdempotencyHeaders,
  InventorySnapshotV1,
  SbomUploadV1,
  UploadAccepted,
} from '../ingest/ingest-schemas.js';
import { applySbom, readUploadedSbom, type SbomUpload, type StoredSbom } from '../ingest/sbom-ingest.js';
import { applySnapshot } from '../ingest/snapshot-ingest.js';
import type { Uploader } from '../ingest/uploader.js';
import { registryJobRoutes } from '../registry/registry-job-routes.js';
import { errorResponses, UuidString } from '../schemas.js';
import { requireSensor, sensorOf } from './sensor-auth.js';
import { SensorConfig, sensorSettings, updateAvailable } from './sensor-config.js';

/** Largest decompressed upload (a Debian-sized SBOM is well under 2 MiB). */
export const INGEST_BODY_LIMIT = 32 * 1024 * 1024;

const Mode = Type.Union([Type.Literal('general'), Type.Literal('cicd'), Type.Literal('registry')]);
const MODE: Record<'general' | 'cicd' | 'registry', SensorType> = {
  general: 'GENERAL',
  cicd: 'CICD',
  registry: 'REGISTRY',
};
const SOURCE: Record<SensorType, string> = { GENERAL: 'GENERAL', CICD: 'CICD', REGISTRY: 'REGISTRY' };

const ActivationRequest = Type.Object(
  {
    activationId: UuidString,
    customerId: UuidString,
    identity: Type.String({
      pattern: '^[A-Za-z0-9_-]{32,128}$',
      description: 'random secret the sensor keeps',
    }),
    hostname: Type.String({ minLength: 1, maxLength: 256 }),
    ipAddresses: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64 }),
    operatingSystem: Type.Optional(Type.String({ maxLength: 256 })),
    dockerVersion: Type.Optional(Type.String({ maxLength: 64 })),
    sensorVersion: Type.String({ minLength: 1, maxLength: 64 }),
    mode: Mode,
    hostUuid: Type.Optional(
      Type.String({
        pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
        description:
          'the host UUID: a marker another agent left under HostIdSearchDir, else generated once and kept in Storage (added in issue 11; older sensors omit it)',
      }),
    ),
  },
  { additionalProperties: false },
);

const Heartbeat = Type.Object(
  {
    version: Type.String({ minLength: 1, maxLength: 64 }),
    mode: Mode,
    status: Type.Union([Type.Literal('ACTIVE'), Type.Literal('INACTIVE')], {
      description: 'INACTIVE inside an inactive window',
    }),
    queueDepth: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

const HeartbeatAnswer = Type.Object({
  config: SensorConfig,
  updateAvailable: Type.Boolean(),
  latestVersion: Type.Union([Type.String(), Type.Null()]),
  serverTime: Type.Integer(),
});

function uploaderOf(req: FastifyRequest): Uploader {
  const s = sensorOf(req);
  return { key: s.sensorId, scope: s.scope, sensorId: s.sensorId, hostId: s.hostId, source: SOURCE[s.mode] };
}

function replayHeader(reply: FastifyReply, replayed: boolean): void {
  if (replayed) reply.header('idempotent-replayed', 'true');
}

export function sensorApi(deps: IngestDeps & { secrets: SecretSealer }) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['sensor'];
    app.post(
      '/activate',
      {
        schema: {
          tags,
          summary: 'Activate a sensor (ActivationId + CustomerId) and receive its UUID and credential',
          security: [],
          body: ActivationRequest,
          response: {
            200: Type.Object({
              sensorUuid: Type.String(),
              credential: Type.String(),
              reactivated: Type.Boolean(),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const b = req.body;
        const a = await activateSensor(deps.db, {
          activationId: b.activationId,
          customerId: b.customerId,
          identity: b.identity,
          hostname: b.hostname,
          ipAddresses: b.ipAddresses,
          operatingSystem: b.operatingSystem ?? null,
          dockerVersion: b.dockerVersion ?? null,
          sensorVersion: b.sensorVersion,
          mode: MODE[b.mode],
          hostUuid: b.hostUuid?.toLowerCase() ?? null,
        });
        return { sensorUuid: a.sensorUuid, credential: a.credential, reactivated: a.reactivated };
      },
    );
    await app.register(async (authed) => {
      requireSensor(authed, deps.db);
      acceptGzipBodies(authed);
      const r = authed.withTypeProvider<TypeBoxTypeProvider>();
      const security = [{ sensorCredential: [] }];
      // Registry scan jobs (issue 12): src/server/registry/registry-job-protocol.ts.
      registryJobRoutes(authed, { secrets: deps.secrets });
      r.post(
        '/heartbeat',
        {
          schema: {
            tags,
            security,
            summary: 'Report liveness; the answer carries the server-managed configuration',
            body: Heartbeat,
            response: { 200: HeartbeatAnswer, ...errorResponses },
          },
        },
        async (req) => {
          const s = sensorOf(req);
          const now = Date.now();
          await recordHeartbeat(s.scope, s.sensorId, { ...req.body, mode: MODE[req.body.mode] }, now);
          const settings = await sensorSettings(s.scope);
          return {
            config: settings.config,
            updateAvailable: updateAvailable(req.body.version, settings.latestVersion),
            latestVersion: settings.latestVersion,
            serverTime: now,
          };
        },
      );
      r.post(
        '/inventory',
        {
          bodyLimit: INGEST_BODY_LIMIT,
          schema: {
            tags,
            security,
            summary: 'Upload an inventory snapshot (schema InventorySnapshotV1)',
            headers: IdempotencyHeaders,
            body: InventorySnapshotV1,
            response: { 200: UploadAccepted, ...errorResponses },
          },
        },
        async (req, reply) => {
          const up = uploaderOf(req);
          const now = Date.now();
          const done = await applyOnce(up.scope, up.key, req.headers['idempotency-key'], 'inventory', (tx) =>
            applySnapshot(tx, up, req.body, now),
          );
          replayHeader(reply, done.replayed);
          return done.response;
        },
      );
      r.post(
        '/events',
        {
          bodyLimit: INGEST_BODY_LIMIT,
          schema: {
            tags,
            security,
            summary: 'Upload Docker events (schema EventsUploadV1)',
            headers: IdempotencyHeaders,
            body: EventsUploadV1,
            response: { 200: UploadAccepted, ...errorResponses },
          },
        },
        async (req, reply) => {
          const up = uploaderOf(req);
          const now = Date.now();
          const done = await applyOnce(up.scope, up.key, req.headers['idempotency-key'], 'events', (tx) =>
            applyEvents(tx, up, req.body, now),
          );
          replayHeader(reply, done.replayed);
          return done.response;
        },
      );
      r.post(
        '/sbom',
        {
          bodyLimit: INGEST_BODY_LIMIT,
          schema: {
            tags,
            security,
            summary: 'Upload an image or container SBOM, CycloneDX (schema SbomUploadV1)',
            headers: IdempotencyHeaders,
            body: SbomUploadV1,
            response: { 200: UploadAccepted, ...errorResponses },
          },
        },
        async (req, reply) =>
          ingestSbom(deps, uploaderOf(req), req.headers['idempotency-key'], req.body, reply),
      );
    });
  };
}

/** Shared by the sensor route and `POST /csapi/v1.1/uploads/sbom` (`scan image --upload`). */
export async function ingestSbom(
  deps: IngestDeps,
  up: Uploader,
  key: string,
  body: SbomUpload,
  reply: FastifyReply,
) {
  const sbom = readUploadedSbom(body);
  const now = Date.now();
  const done = await applyOnce<StoredSbom>(up.scope, up.key, key, 'sbom', (tx) =>
    applySbom(tx, up, body, sbom, now),
  );
  if (!done.replayed) await afterSbomStored(deps, up.scope, done.response);
  replayHeader(reply, done.replayed);
  return done.response;
}
