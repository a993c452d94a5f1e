/**
 * Authentication of sensor requests: `Authorization: Bearer <sensor credential>` (the one
 * activation returned). It is looked up among sensor credentials only, so a user's
 * password or API token opens no sensor endpoint, and a sensor credential opens no `/csapi`
 * endpoint (users are looked up among users and API tokens only). Unknown or revoked: 401.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { BulwarkError } from '../../core/errors.js';
import {
  type SensorPrincipal,
  sensorForCredential,
} from '../../db/repositories/sensor-identity-repository.js';
import type { Database } from '../../db/schema.js';
import { TenantScope } from '../../db/tenant.js';

declare module 'fastify' {
  interface FastifyRequest {
    sensor: (SensorPrincipal & { scope: TenantScope }) | null;
  }
}

export function requireSensor(app: FastifyInstance, db: Kysely<Database>): void {
  app.decorateRequest('sensor', null);
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization ?? '';
    const [scheme, value = ''] = header.split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer' || !value)
      throw new BulwarkError('UNAUTHENTICATED', 'sensor credential required (Authorization: Bearer …)');
    const sensor = await sensorForCredential(db, value);
    if (!sensor) throw new BulwarkError('UNAUTHENTICATED', 'unknown or revoked sensor credential');
    req.sensor = { ...sensor, scope: new TenantScope(db, sensor.customerId) };
  });
}

export function sensorOf(req: FastifyRequest): SensorPrincipal & { scope: TenantScope } {
  if (!req.sensor) throw new BulwarkError('UNAUTHENTICATED', 'sensor credential required');
  return req.sensor;
}
