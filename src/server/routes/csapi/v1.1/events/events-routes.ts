/** `/csapi/v1.1/events` (sample 3). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { listEvents } from '../../../../../db/repositories/events-repository.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { listQuery } from '../../../../list-params.js';
import {
  DatedListQuerystring,
  errorResponses,
  HostRef,
  NullableString,
  PageOf,
} from '../../../../schemas.js';

const Event = Type.Object({
  containerUuid: NullableString,
  imageId: NullableString,
  eventOccurred: Type.Integer({ description: 'epoch milliseconds' }),
  containerSha: NullableString,
  uuid: Type.String(),
  sensorUuid: NullableString,
  imageSha: NullableString,
  customerUuid: Type.String(),
  host: HostRef,
  event: Type.String(),
  type: Type.String(),
  context: NullableString,
  name: NullableString,
  containerId: NullableString,
  category: Type.String(),
  imageUuid: NullableString,
});

export function eventsRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/events',
      {
        schema: {
          tags: ['events'],
          summary: 'List events, optionally between fromDate and toDate',
          querystring: DatedListQuerystring,
          response: { 200: PageOf(Event), ...errorResponses },
        },
      },
      async (req) => listEvents(scopeOf(req), await listQuery(req, 'events', deps, req.query)),
    );
  };
}
