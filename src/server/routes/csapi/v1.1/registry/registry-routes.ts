/**
 * `/csapi/v1.1/registry`: registries, their repositories and scan schedules, AWS connectors.
 * Schedules and scan jobs: registry-schedule-routes.ts, registry-scan-routes.ts. A registry
 * with a RUNNING schedule cannot be deleted.
 */
import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import {
  createAwsConnector,
  createRegistry,
  deleteRegistries,
  listAwsConnectors,
  listRegistries,
  listRepositories,
  type RegistryInput,
  type RegistryWithSecrets,
  registryDetails,
  requireRegistry,
  updateRegistry,
} from '../../../../../db/repositories/registries-repository.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { listQuery } from '../../../../list-params.js';
import { checkConnection } from '../../../../registry/registry-connection.js';
import {
  errorResponses,
  ListQuerystring,
  MillisString,
  NullableString,
  PageOf,
} from '../../../../schemas.js';
import { registryProblems } from './registry-config.js';
import {
  AwsConnector,
  AwsConnectorBody,
  Registry,
  RegistryBody,
  RegistryDetails,
  RegistryParam,
  UuidArray,
} from './registry-schemas.js';

const RegistryUuid = Type.Object({ registryUuid: Type.String() });
const Deleted = Type.Object({ deletedRegistryUuids: Type.Array(Type.String()) });

/** The body of POST /registry/validate as the connection check reads a stored registry. */
function validationTarget(b: RegistryInput): RegistryWithSecrets {
  const decode = (v: string | undefined) =>
    v === undefined ? null : Buffer.from(v, 'base64').toString('utf8');
  return {
    uuid: 'validate',
    uri: b.registryUri,
    type: b.registryType,
    credentialType: b.credentialType,
    username: decode(b.username),
    password: decode(b.password),
    token: b.token ?? null,
    dockerHubOrgName: b.dockerHubOrgName ?? null,
    awsAccountId: b.aws?.accountId ?? null,
    awsArn: b.aws?.arn ?? null,
    awsRegion: b.aws?.region ?? null,
    awsAccessKeyId: b.aws?.accessKeyId ?? null,
    awsSecretAccessKey: b.aws?.secretAccessKey ?? null,
  };
}

function checked(input: RegistryInput): RegistryInput {
  const problems = registryProblems(input);
  if (problems.length > 0) throw new BulwarkError('BAD_REQUEST', `invalid registry: ${problems.join('; ')}`);
  return input;
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
      async (req) => listRegistries(scopeOf(req), await listQuery(req, 'registries', deps, req.query)),
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
          summary:
            'Validate a registry configuration without storing it: checks the fields, then calls the registry /v2/ with the credentials',
          body: RegistryBody,
          response: {
            200: Type.Object({
              valid: Type.Boolean(),
              errors: Type.Array(Type.String()),
              code: Type.Optional(Type.String({ description: 'error code of a failed connection check' })),
            }),
            ...errorResponses,
          },
        },
      },
      async (req) => {
        const errors = registryProblems(req.body);
        if (errors.length > 0) return { valid: false, errors };
        // Really connects: GET /v2/ with the given credentials (nothing is stored).
        const check = await checkConnection(validationTarget(req.body));
        return check.ok
          ? { valid: true, errors: [] }
          : { valid: false, errors: [check.message], code: check.code };
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
        const scope = scopeOf(req);
        const current = await scope
          .selectFrom('registries')
          .select(['credential_type', 'password', 'token'])
          .where('id', '=', req.params.registryId)
          .executeTakeFirst();
        if (!current) throw new BulwarkError('NOT_FOUND', `no registry ${req.params.registryId}`);
        // Secrets are never handed back, so a PUT may leave them out to keep the stored ones.
        const kept = current.credential_type === req.body.credentialType;
        checked({
          ...req.body,
          ...(kept && !req.body.password && current.password ? { password: 'a2VwdA==' } : {}),
          ...(kept && !req.body.token && current.token ? { token: 'kept' } : {}),
        });
        await updateRegistry(scope, req.params.registryId, req.body, deps.secrets);
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
  };
}
