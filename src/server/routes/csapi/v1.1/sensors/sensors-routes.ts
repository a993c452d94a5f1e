/** `/csapi/v1.1/sensors`: list, details, delete (only sensors in UNKNOWN status; sample 7). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import {
  listSensors,
  resolveSensors,
  sensorDetails,
} from '../../../../../db/repositories/sensors-repository.js';
import { qqlWhere } from '../../../../../qql/index.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { listQuery } from '../../../../list-params.js';
import {
  DeleteRequest,
  DeletionJobAccepted,
  errorResponses,
  IdParam,
  ListQuerystring,
  MillisString,
  NullableString,
  PageOf,
} from '../../../../schemas.js';
import { requireTarget, startDeletion } from '../deletion.js';

const Sensor = Type.Object({
  sensorUuid: Type.String(),
  uuid: Type.String(),
  customerUuid: Type.String(),
  hostname: Type.String(),
  ipAddress: NullableString,
  hostUuid: NullableString,
  version: NullableString,
  sensorType: Type.String(),
  status: Type.String(),
  dockerVersion: NullableString,
  operatingSystem: NullableString,
  activationUuid: NullableString,
  created: MillisString,
  lastCheckedIn: MillisString,
});

export function sensorsRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['sensors'];
    app.get(
      '/sensors',
      {
        schema: {
          tags,
          summary: 'List sensors',
          querystring: ListQuerystring,
          response: { 200: PageOf(Sensor), ...errorResponses },
        },
      },
      async (req) => listSensors(scopeOf(req), await listQuery(req, 'sensors', deps, req.query)),
    );
    app.get(
      '/sensors/:sensorId',
      {
        schema: {
          tags,
          summary: 'Sensor details',
          params: IdParam('sensorId', 'sensor UUID'),
          response: { 200: Sensor, ...errorResponses },
        },
      },
      async (req) => {
        const sensor = await sensorDetails(scopeOf(req), req.params.sensorId);
        if (!sensor) throw new BulwarkError('NOT_FOUND', `no sensor ${req.params.sensorId}`);
        return sensor;
      },
    );
    app.delete(
      '/sensors',
      {
        schema: {
          tags,
          summary: 'Delete sensors (as a job); only sensors in UNKNOWN status can be deleted',
          body: DeleteRequest('sensorIds'),
          response: { 200: DeletionJobAccepted, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const ids = req.body.sensorIds;
        requireTarget(req.body, ids, 'sensorIds');
        const filter = req.body.filter
          ? qqlWhere('sensors', req.body.filter, { dialect: deps.dialect, customerId: scope.customerId })
          : undefined;
        const rows = await resolveSensors(scope, {
          ...(ids ? { uuids: ids } : {}),
          ...(filter ? { filter } : {}),
        });
        const refused = new Map(
          rows
            .filter((r) => r.status !== 'UNKNOWN')
            .map((r) => [r.id, `status is ${r.status}, not UNKNOWN`] as [string, string]),
        );
        const found = rows.map((r) => r.id);
        return { deletionJobId: await startDeletion(deps, scope, 'sensor', ids, { found, refused }) };
      },
    );
  };
}
