/**
 * `GET/PUT /csapi/v1.1/sensors/config`: the configuration the server hands every sensor of
 * the customer in heartbeat answers (inactive windows, scan interval ≥ 12 h, concurrency,
 * CPU limit, trigger tag, log level) and the newest sensor version ("update available").
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { errorResponses } from '../../../../schemas.js';
import { SensorConfig, saveSensorSettings, sensorSettings } from '../../../../sensor/sensor-config.js';

const Settings = Type.Object(
  {
    config: SensorConfig,
    latestVersion: Type.Union([
      Type.String({ pattern: '^v?[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?$' }),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

export function sensorConfigRoutes(_deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['sensors'];
    app.get(
      '/sensors/config',
      {
        schema: {
          tags,
          summary: 'The configuration sensors receive',
          response: { 200: Settings, ...errorResponses },
        },
      },
      async (req) => sensorSettings(scopeOf(req)),
    );
    app.put(
      '/sensors/config',
      {
        schema: {
          tags,
          summary: 'Set the configuration sensors receive in their next heartbeat',
          body: Settings,
          response: { 200: Settings, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await saveSensorSettings(scope, req.body.config, req.body.latestVersion);
        return sensorSettings(scope);
      },
    );
  };
}
