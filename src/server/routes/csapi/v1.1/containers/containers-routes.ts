/** `/csapi/v1.1/containers`: list, details, software, vuln, vuln/count, delete. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import {
  containerDetails,
  findContainerUuid,
  listContainers,
  resolveContainerUuids,
} from '../../../../../db/repositories/containers-repository.js';
import type { TenantScope } from '../../../../../db/tenant.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { RogueReport } from '../../../../ingest/rogue-schema.js';
import { listQuery } from '../../../../list-params.js';
import { qqlWhereLooked } from '../../../../qql-lookups.js';
import {
  DeleteRequest,
  DeletionJobAccepted,
  errorResponses,
  HostRef,
  IdParam,
  Label,
  ListQuerystring,
  MillisString,
  Nullable,
  NullableString,
  PageOf,
  SeverityCounts,
} from '../../../../schemas.js';
import { assetFindingsRoutes } from '../asset-findings-routes.js';
import { requireTarget, startDeletion } from '../deletion.js';

const ContainerSummary = Type.Object({
  imageId: NullableString,
  created: MillisString,
  sha: Type.String(),
  uuid: Type.String(),
  name: Type.String(),
  host: HostRef,
  state: Type.String(),
  imageUuid: NullableString,
  containerId: Type.String(),
  stateChanged: MillisString,
  lastScanned: MillisString,
  /** Null when the container could not be checked; `scanError` says why. */
  vulnerabilities: Nullable(SeverityCounts),
  /** Present only when the container could not be (fully) checked. */
  scanError: Type.Optional(Type.String()),
});

const Json = Type.Unknown();
const ContainerDetails = Type.Object({
  portMapping: Json,
  imageId: NullableString,
  created: MillisString,
  label: Type.Array(Label),
  uuid: Type.String(),
  sha: Type.String(),
  privileged: Type.Boolean(),
  sensorUuid: NullableString,
  path: NullableString,
  imageSha: NullableString,
  macAddress: NullableString,
  customerUuid: Type.String(),
  ipv4: NullableString,
  ipv6: NullableString,
  name: Type.String(),
  host: HostRef,
  state: Type.String(),
  imageUuid: NullableString,
  containerId: Type.String(),
  stateChanged: MillisString,
  hostname: NullableString,
  services: Type.Null(),
  users: Type.Null(),
  operatingSystem: NullableString,
  lastScanned: MillisString,
  environment: Json,
  arguments: Json,
  command: NullableString,
  rogue: Nullable(RogueReport),
  vulnerabilities: Nullable(SeverityCounts),
  /** Present only when the container could not be (fully) checked. */
  scanError: Type.Optional(Type.String()),
  softwares: Type.Null(),
  isRogue: Type.Boolean(),
});

const ContainerParam = IdParam('containerId', 'container UUID, 12-hex container id or full id');

async function containerUuid(scope: TenantScope, ref: string): Promise<string> {
  const uuid = await findContainerUuid(scope, ref);
  if (!uuid) throw new BulwarkError('NOT_FOUND', `no container ${ref}`);
  return uuid;
}

export function containersRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['containers'];
    app.get(
      '/containers',
      {
        schema: {
          tags,
          summary: 'List containers',
          querystring: ListQuerystring,
          response: { 200: PageOf(ContainerSummary), ...errorResponses },
        },
      },
      async (req) => listContainers(scopeOf(req), await listQuery(req, 'containers', deps, req.query)),
    );
    app.get(
      '/containers/:containerId',
      {
        schema: {
          tags,
          summary: 'Container details',
          params: ContainerParam,
          response: { 200: ContainerDetails, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const details = await containerDetails(scope, await containerUuid(scope, req.params.containerId));
        if (!details) throw new BulwarkError('NOT_FOUND', `no container ${req.params.containerId}`);
        return details;
      },
    );
    assetFindingsRoutes(plain, {
      resource: 'containers',
      assetType: 'CONTAINER',
      param: ContainerParam,
      paramName: 'containerId',
      find: findContainerUuid,
    });
    app.delete(
      '/containers',
      {
        schema: {
          tags,
          summary: 'Delete containers (as a job)',
          body: DeleteRequest('containerIds'),
          response: { 200: DeletionJobAccepted, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const ids = req.body.containerIds;
        requireTarget(req.body, ids, 'containerIds');
        const filter = req.body.filter
          ? await qqlWhereLooked(deps.db, 'containers', req.body.filter, {
              dialect: deps.dialect,
              customerId: scope.customerId,
            })
          : undefined;
        const found = await resolveContainerUuids(scope, {
          ...(ids ? { uuids: ids } : {}),
          ...(filter ? { filter } : {}),
        });
        return {
          deletionJobId: await startDeletion(deps, scope, 'container', ids, { found, refused: new Map() }),
        };
      },
    );
  };
}
