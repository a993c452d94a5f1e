/** Every `/csapi/v1.1` resource, in one list. */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../../app.js';
import { retentionRoutes } from '../../../jobs/retention-routes.js';
import { ciRoutes } from './ci/ci-routes.js';
import { dashboardsRoutes } from './console/dashboards-routes.js';
import { tokensRoutes } from './console/tokens-routes.js';
import { containersRoutes } from './containers/containers-routes.js';
import { countsRoutes } from './counts/counts-routes.js';
import { eventsRoutes } from './events/events-routes.js';
import { imagesRoutes } from './images/images-routes.js';
import { inventoryRoutes } from './inventory/inventory-routes.js';
import { labelsRoutes } from './labels/labels-routes.js';
import { registryRoutes } from './registry/registry-routes.js';
import { registryScanRoutes } from './registry/registry-scan-routes.js';
import { registryScheduleRoutes } from './registry/registry-schedule-routes.js';
import { sensorConfigRoutes } from './sensors/sensor-config-routes.js';
import { sensorsRoutes } from './sensors/sensors-routes.js';
import { activationKeysRoutes } from './settings/activation-keys-routes.js';
import { usersRoutes } from './settings/users-routes.js';
import { uploadsRoutes } from './uploads/uploads-routes.js';

const resources = [
  containersRoutes,
  eventsRoutes,
  imagesRoutes,
  registryRoutes,
  registryScheduleRoutes,
  registryScanRoutes,
  sensorConfigRoutes,
  sensorsRoutes,
  inventoryRoutes,
  uploadsRoutes,
  retentionRoutes,
  dashboardsRoutes,
  tokensRoutes,
  ciRoutes,
  // issue 13: console settings and the dashboard's label widget
  usersRoutes,
  activationKeysRoutes,
  labelsRoutes,
  countsRoutes,
];

export function csapiRoutes(deps: RouteDeps) {
  return async (app: FastifyInstance) => {
    for (const resource of resources) await app.register(resource(deps));
  };
}
