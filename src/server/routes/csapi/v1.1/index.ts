/** Every `/csapi/v1.1` resource, in one list. */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../../app.js';
import { dashboardsRoutes } from './console/dashboards-routes.js';
import { tokensRoutes } from './console/tokens-routes.js';
import { containersRoutes } from './containers/containers-routes.js';
import { eventsRoutes } from './events/events-routes.js';
import { imagesRoutes } from './images/images-routes.js';
import { inventoryRoutes } from './inventory/inventory-routes.js';
import { registryRoutes } from './registry/registry-routes.js';
import { sensorsRoutes } from './sensors/sensors-routes.js';

const resources = [
  containersRoutes,
  eventsRoutes,
  imagesRoutes,
  registryRoutes,
  sensorsRoutes,
  inventoryRoutes,
  dashboardsRoutes,
  tokensRoutes,
];

export function csapiRoutes(deps: RouteDeps) {
  return async (app: FastifyInstance) => {
    for (const resource of resources) await app.register(resource(deps));
  };
}
