/**
 * `/csapi/v1.1/registry`: registries, their repositories and scan schedules, AWS connectors.
 * Configuration only: running registry scans is a later issue. A registry with a RUNNING
 * schedule cannot be deleted.
 */
import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import {
  createAwsConnector,
  createRegistry,
  createSchedule,
  deleteRegistries,
  deleteSchedules,
  listAwsConnectors,
  listRegistries,
  listRepositories,
  listSchedules,
  type RegistryInput,
  registryDetails,
  updateRegistry,
  updateSchedule,
} from '../../../../../db/repositories/registries-repository.js';
import type { TenantScope } from '../../../../../db/tenant.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { listQuery } from '../../../../list-params.js';
import {
  errorResponses,
  IdParam,
  ListQuerystring,
  MillisString,
  NullableString,
  PageOf,
  UuidString,
} from '../../../../schemas.js';
import { registryProblems } from './registry-config.js';
import {
  AwsConnector,
  AwsConnectorBody,
  Registry,
  RegistryBody,
  RegistryDetails,
  Schedule,
  ScheduleBody,
} from './registry-schemas.js';

const RegistryParam = IdParam('registryId', 'registry UUID');
const ScheduleParams = Type.Object(
  { registryId: UuidString, scheduleId: UuidString },
  { additionalProperties: false },
);
const RegistryUuid = Type.Object({ registryUuid: Type.String() });
const ScheduleUuid = Type.Object({ scheduleUuid: Type.String() });
const Deleted = Type.Object({ deletedRegistryUuids: Type.Array(Type.String()) });
const UuidArray = Type.Array(UuidString, { minItems: 1, maxItems: 1000 });

function checked(input: RegistryInput): RegistryInput {
  const problems = registryProblems(input);
  if (problems.length > 0) throw new BulwarkError('BAD_REQUEST', `invalid registry: ${problems.join('; ')}`);
  return input;
}

async function requireRegistry(scope: TenantScope, uuid: string): Promise<void> {
  const found = await scope.selectFrom('registries').select('id').where('id', '=', uuid).executeTakeFirst();
  if (!found) throw new BulwarkError('NOT_FOUND', `no registry ${uuid}`);
}

export function registryRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['registry'];
    app.get(
      '/registry',
      {
        schema: {
          tags,
          summary: 'List registries',
          querystring: ListQuerystring,
          response: { 200: PageOf(Registry), ...errorResponses },
        },
      },
      async (req) => listRegistries(scopeOf(req), listQuery(req, 'registries', deps.dialect, req.query)),
    );
    app.get(
      '/registry/aws-base',
      {
        schema: {
          tags,
          summary: 'The AWS account id and External ID to trust in an IAM role for this customer',
          response: {
            200: Type.Object({ accountId: NullableString, externalId: Type.String() }),
            ...errorResponses,
          },
        },
      },
      async (req) => ({
        accountId: process.env.BULWARK_AWS_ACCOUNT_ID ?? null,
        // Stable per customer and not guessable from the CustomerId alone without the hash.
        externalId: String(
          Number.parseInt(
            createHash('sha256')
              .update(`bulwark-external-id:${scopeOf(req).customerId}`)
              .digest('hex')
              .slice(0, 8),
            16,
          ),
        ),
      }),
    );
    app.get(
      '/registry/aws/connectors',
      {
        schema: {
          tags,
          summary: 'List AWS connectors',
          response: { 200: Type.Array(AwsConnector), ...errorResponses },
        },
      },
      async (req) => listAwsConnectors(scopeOf(req)),
    );
    app.get(
      '/registry/aws/connectors/:accountId',
      {
        schema: {
          tags,
          summary: 'AWS connectors of an AWS account',
          params: Type.Object(
            { accountId: Type.String({ pattern: '^[0-9]{12}$' }) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Array(AwsConnector), ...errorResponses },
        },
      },
      async (req) => listAwsConnectors(scopeOf(req), req.params.accountId),
    );
    app.post(
      '/registry/aws/connector',
      {
        schema: {
          tags,
          summary: 'Create an AWS connector',
          body: AwsConnectorBody,
          response: { 200: Type.Object({ connectorUuid: Type.String() }), ...errorResponses },
        },
      },
      async (req) => ({ connectorUuid: await createAwsConnector(scopeOf(req), req.body) }),
    );
    app.post(
      '/registry/validate',
      {
        schema: {
          tags,
          summary: 'Validate a registry configuration without storing it',
          body: RegistryBody,
          response: {
            200: Type.Object({ valid: Type.Boolean(), errors: Type.Array(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const errors = registryProblems(req.body);
        return { valid: errors.length === 0, errors };
      },
    );
    app.post(
      '/registry',
      {
        schema: {
          tags,
          summary: 'Create a registry',
          body: RegistryBody,
          response: { 200: RegistryUuid, ...errorResponses },
        },
      },
      async (req) => ({ registryUuid: await createRegistry(scopeOf(req), checked(req.body), deps.secrets) }),
    );
    app.get(
      '/registry/:registryId',
      {
        schema: {
          tags,
          summary: 'Registry details',
          params: RegistryParam,
          response: { 200: RegistryDetails, ...errorResponses },
        },
      },
      async (req) => {
        const details = await registryDetails(scopeOf(req), req.params.registryId);
        if (!details) throw new BulwarkError('NOT_FOUND', `no registry ${req.params.registryId}`);
        return details;
      },
    );
    app.put(
      '/registry/:registryId',
      {
        schema: {
          tags,
          summary: 'Update a registry',
          params: RegistryParam,
          body: RegistryBody,
          response: { 200: RegistryUuid, ...errorResponses },
        },
      },
      async (req) => {
        if (!(await updateRegistry(scopeOf(req), req.params.registryId, checked(req.body), deps.secrets))) {
          throw new BulwarkError('NOT_FOUND', `no registry ${req.params.registryId}`);
        }
        return { registryUuid: req.params.registryId };
      },
    );
    app.delete(
      '/registry/:registryId',
      {
        schema: {
          tags,
          summary: 'Delete a registry',
          params: RegistryParam,
          response: { 200: Deleted, ...errorResponses },
        },
      },
      async (req) => ({
        deletedRegistryUuids: await deleteRegistries(scopeOf(req), [req.params.registryId]),
      }),
    );
    app.delete(
      '/registry',
      {
        schema: {
          tags,
          summary: 'Delete several registries (body: array of UUIDs)',
          body: UuidArray,
          response: { 200: Deleted, ...errorResponses },
        },
      },
      async (req) => ({ deletedRegistryUuids: await deleteRegistries(scopeOf(req), req.body) }),
    );
    app.get(
      '/registry/:registryId/repository',
      {
        schema: {
          tags,
          summary: 'Repositories of a registry',
          params: RegistryParam,
          response: {
            200: Type.Array(
              Type.Object({ repoName: Type.String(), tagsCount: Type.Integer(), lastScanned: MillisString }),
            ),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await requireRegistry(scope, req.params.registryId);
        return listRepositories(scope, req.params.registryId);
      },
    );
    app.get(
      '/registry/:registryId/schedule',
      {
        schema: {
          tags,
          summary: 'Schedules of a registry',
          params: RegistryParam,
          response: { 200: Type.Array(Schedule), ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await requireRegistry(scope, req.params.registryId);
        return listSchedules(scope, req.params.registryId);
      },
    );
    app.post(
      '/registry/:registryId/schedule',
      {
        schema: {
          tags,
          summary: 'Create a scan schedule',
          params: RegistryParam,
          body: ScheduleBody,
          response: { 200: ScheduleUuid, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await requireRegistry(scope, req.params.registryId);
        if (req.body.scheduleType === 'DAILY' && !req.body.timeOfDay) {
          throw new BulwarkError('BAD_REQUEST', 'a DAILY schedule needs timeOfDay (HH:MM UTC)');
        }
        const id = await createSchedule(scope, req.params.registryId, {
          ...req.body,
          filters: req.body.filters ?? [],
        });
        return { scheduleUuid: id };
      },
    );
    app.put(
      '/registry/:registryId/schedule/:scheduleId',
      {
        schema: {
          tags,
          summary: 'Update a scan schedule',
          params: ScheduleParams,
          body: ScheduleBody,
          response: { 200: ScheduleUuid, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const input = { ...req.body, filters: req.body.filters ?? [] };
        if (!(await updateSchedule(scope, req.params.registryId, req.params.scheduleId, input))) {
          throw new BulwarkError(
            'NOT_FOUND',
            `no schedule ${req.params.scheduleId} in registry ${req.params.registryId}`,
          );
        }
        return { scheduleUuid: req.params.scheduleId };
      },
    );
    const DeletedSchedules = Type.Object({ deletedScheduleUuids: Type.Array(Type.String()) });
    app.delete(
      '/registry/:registryId/schedule/:scheduleId',
      {
        schema: {
          tags,
          summary: 'Delete a scan schedule',
          params: ScheduleParams,
          response: { 200: DeletedSchedules, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await requireRegistry(scope, req.params.registryId);
        return {
          deletedScheduleUuids: await deleteSchedules(scope, req.params.registryId, [req.params.scheduleId]),
        };
      },
    );
    app.delete(
      '/registry/:registryId/schedule',
      {
        schema: {
          tags,
          summary: 'Delete several scan schedules (body: array of UUIDs)',
          params: RegistryParam,
          body: UuidArray,
          response: { 200: DeletedSchedules, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        await requireRegistry(scope, req.params.registryId);
        return { deletedScheduleUuids: await deleteSchedules(scope, req.params.registryId, req.body) };
      },
    );
  };
}
