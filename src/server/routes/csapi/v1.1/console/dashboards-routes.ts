/**
 * `/csapi/v1.1/dashboards`: the web console's custom dashboards, per customer. A widget is
 * a saved QQL query on an entity with a visualisation; the server checks the shape only —
 * the query is compiled (and its errors reported) when the widget's data is fetched.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  updateDashboard,
} from '../../../../../db/repositories/dashboards-repository.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { errorResponses, IdParam } from '../../../../schemas.js';

export const Widget = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 64 }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    entity: Type.Union(
      ['images', 'containers', 'events', 'sensors', 'vulnerabilities'].map((e) => Type.Literal(e)),
    ),
    query: Type.String({ maxLength: 4096 }),
    kind: Type.Union(['count', 'bar', 'pie', 'trend', 'table'].map((k) => Type.Literal(k))),
    groupBy: Type.Optional(Type.String({ maxLength: 200 })),
    groupValues: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
    sort: Type.Optional(Type.String({ maxLength: 200 })),
    size: Type.Union(['small', 'medium', 'large'].map((s) => Type.Literal(s))),
  },
  { additionalProperties: false },
);

const DashboardInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    widgets: Type.Array(Widget, { maxItems: 50 }),
  },
  { additionalProperties: false },
);

const Dashboard = Type.Object({
  id: Type.String(),
  name: Type.String(),
  widgets: Type.Array(Type.Unknown()),
  created: Type.Integer(),
  updated: Type.Integer(),
});

const Param = IdParam('dashboardId', 'dashboard UUID');

export function dashboardsRoutes(_deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['console'];
    app.get(
      '/dashboards',
      {
        schema: {
          tags,
          summary: 'Custom dashboards of the web console',
          response: { 200: Type.Array(Dashboard), ...errorResponses },
        },
      },
      async (req) => listDashboards(scopeOf(req)),
    );
    app.get(
      '/dashboards/:dashboardId',
      {
        schema: {
          tags,
          summary: 'One dashboard',
          params: Param,
          response: { 200: Dashboard, ...errorResponses },
        },
      },
      async (req) => getDashboard(scopeOf(req), req.params.dashboardId),
    );
    app.post(
      '/dashboards',
      {
        schema: {
          tags,
          summary: 'Create a dashboard',
          body: DashboardInput,
          response: { 200: Dashboard, ...errorResponses },
        },
      },
      async (req) => createDashboard(scopeOf(req), req.body),
    );
    app.put(
      '/dashboards/:dashboardId',
      {
        schema: {
          tags,
          summary: 'Replace a dashboard (name and widgets)',
          params: Param,
          body: DashboardInput,
          response: { 200: Dashboard, ...errorResponses },
        },
      },
      async (req) => updateDashboard(scopeOf(req), req.params.dashboardId, req.body),
    );
    app.delete(
      '/dashboards/:dashboardId',
      {
        schema: {
          tags,
          summary: 'Delete a dashboard',
          params: Param,
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (req, reply) => {
        await deleteDashboard(scopeOf(req), req.params.dashboardId);
        return reply.code(204).send(null);
      },
    );
  };
}
