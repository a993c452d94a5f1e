/**
 * Beyond the reference: `GET /vulnerabilities` (each vulnerability in the inventory with the
 * images and containers it affects), `GET /software` (each package version with the assets
 * holding it), `GET /deletionJobs/{id}` (state of a deletion job) and `GET /qql/{entity}`
 * (the QQL token catalog, for autocomplete).
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import {
  listSoftware,
  listVulnerabilities,
  SOFTWARE_SORT,
} from '../../../../../db/repositories/catalog-repository.js';
import { deletionJob } from '../../../../../db/repositories/deletion-jobs-repository.js';
import { QQL_ENTITIES, type QqlEntity, qqlCatalog, qqlOrderBy } from '../../../../../qql/index.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { listQuery } from '../../../../list-params.js';
import {
  errorResponses,
  IdParam,
  ListQuerystring,
  MillisString,
  Nullable,
  NullableString,
  PageOf,
} from '../../../../schemas.js';

const Vulnerability = Type.Object({
  qid: Type.Integer(),
  id: Type.String(),
  cve: NullableString,
  aliases: Type.Array(Type.String()),
  title: Type.String(),
  severity: Type.Integer(),
  cvssScore: Nullable(Type.Number()),
  published: MillisString,
  imagesCount: Type.Integer(),
  containersCount: Type.Integer(),
  firstFound: MillisString,
  lastFound: MillisString,
});

const Software = Type.Object({
  name: Type.String(),
  version: Type.String(),
  ecosystem: NullableString,
  imagesCount: Type.Integer(),
  containersCount: Type.Integer(),
  imageUuids: Type.Array(Type.String(), { description: 'at most 100' }),
  containerUuids: Type.Array(Type.String(), { description: 'at most 100' }),
});

const DeletionJob = Type.Object({
  deletionJobId: Type.String(),
  resource: Type.String(),
  state: Type.String(),
  targets: Type.Array(Type.String()),
  deletedCount: Type.Integer(),
  skipped: Type.Array(Type.Object({ uuid: Type.String(), reason: Type.String() })),
  error: NullableString,
  created: MillisString,
  updated: MillisString,
});

const CatalogEntry = Type.Object({
  token: Type.String(),
  aliases: Type.Array(Type.String()),
  type: Type.String(),
  description: Type.String(),
  values: Type.Optional(Type.Array(Type.String())),
  sortable: Type.Boolean(),
});

export function inventoryRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/vulnerabilities',
      {
        schema: {
          tags: ['inventory'],
          summary: 'Vulnerabilities in the inventory, with the number of images and containers each affects',
          querystring: ListQuerystring,
          response: { 200: PageOf(Vulnerability), ...errorResponses },
        },
      },
      async (req) =>
        listVulnerabilities(scopeOf(req), await listQuery(req, 'vulnerabilities', deps, req.query)),
    );
    app.get(
      '/software',
      {
        schema: {
          tags: ['inventory'],
          summary: 'Package versions in the inventory, with the images and containers holding each',
          querystring: ListQuerystring,
          response: { 200: PageOf(Software), ...errorResponses },
        },
      },
      async (req) => {
        const q = await listQuery(req, 'software', deps, req.query);
        const order = qqlOrderBy('software', req.query.sort, { dialect: deps.dialect });
        // Grouped rows: sort by the grouped columns only (the catalog validated the tokens).
        const sort = order
          .filter((o) => o.token in SOFTWARE_SORT)
          .map((o) => ({ key: o.token, direction: o.direction }));
        return listSoftware(scopeOf(req), { ...q, order: undefined, sort });
      },
    );
    app.get(
      '/deletionJobs/:deletionJobId',
      {
        schema: {
          tags: ['inventory'],
          summary: 'State of a deletion job',
          params: IdParam('deletionJobId', 'deletion job UUID'),
          response: { 200: DeletionJob, ...errorResponses },
        },
      },
      async (req) => {
        const job = await deletionJob(scopeOf(req), req.params.deletionJobId);
        if (!job) throw new BulwarkError('NOT_FOUND', `no deletion job ${req.params.deletionJobId}`);
        return job;
      },
    );
    app.get(
      '/qql/:entity',
      {
        schema: {
          tags: ['qql'],
          summary: 'QQL tokens of an entity, for filters, sorting and autocomplete',
          params: Type.Object(
            { entity: Type.Union(QQL_ENTITIES.map((e) => Type.Literal(e))) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(CatalogEntry), ...errorResponses },
        },
      },
      async (req) =>
        qqlCatalog(req.params.entity as QqlEntity).map(({ values, aliases, ...e }) => ({
          ...e,
          aliases: [...aliases],
          ...(values ? { values: [...values] } : {}),
        })),
    );
  };
}
