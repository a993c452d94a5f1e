import { Type } from 'typebox';
import { MillisString, Nullable, NullableString } from '../../../../schemas.js';
import { CREDENTIAL_TYPES, REGISTRY_TYPES } from './registry-config.js';

const Aws = Type.Object(
  {
    accountId: Type.String({ pattern: '^[0-9]{12}$' }),
    arn: Type.String({ maxLength: 2048 }),
    region: Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]$' }),
  },
  { additionalProperties: false },
);

export const RegistryBody = Type.Object(
  {
    registryUri: Type.String({ minLength: 1, maxLength: 2048 }),
    registryType: Type.Union(REGISTRY_TYPES.map((t) => Type.Literal(t))),
    credentialType: Type.Union(CREDENTIAL_TYPES.map((t) => Type.Literal(t))),
    username: Type.Optional(Type.String({ maxLength: 1024, description: 'base64' })),
    password: Type.Optional(Type.String({ maxLength: 4096, description: 'base64' })),
    token: Type.Optional(Type.String({ maxLength: 8192 })),
    dockerHubOrgName: Type.Optional(Type.String({ maxLength: 256 })),
    aws: Type.Optional(Aws),
  },
  { additionalProperties: false },
);

export const Schedule = Type.Object({
  scheduleUuid: Type.String(),
  registryUuid: Type.String(),
  name: Type.String(),
  scheduleType: Type.String(),
  timeOfDay: NullableString,
  filters: Type.Array(Type.Unknown()),
  status: Type.String(),
  created: MillisString,
  updated: MillisString,
  lastRun: MillisString,
});

export const Registry = Type.Object({
  registryUuid: Type.String(),
  registryUri: Type.String(),
  registryType: Type.String(),
  credentialType: Type.String(),
  username: NullableString,
  dockerHubOrgName: NullableString,
  aws: Nullable(Type.Object({ accountId: Type.String(), arn: NullableString, region: NullableString })),
  created: MillisString,
  updated: MillisString,
  lastScanned: MillisString,
});

export const RegistryDetails = Type.Object({
  ...Registry.properties,
  repositoriesCount: Type.Integer(),
  schedules: Type.Array(Schedule),
});

export const ScheduleBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 256 }),
    scheduleType: Type.Union([Type.Literal('ON_DEMAND'), Type.Literal('DAILY')]),
    timeOfDay: Type.Optional(
      Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM UTC' }),
    ),
    filters: Type.Optional(
      Type.Array(
        Type.Object(
          { repo: Type.String({ maxLength: 512 }), tag: Type.Optional(Type.String({ maxLength: 256 })) },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const AwsConnectorBody = Type.Object(
  {
    arn: Type.String({ maxLength: 2048 }),
    externalId: Type.String({ minLength: 1, maxLength: 256 }),
    name: Type.String({ minLength: 1, maxLength: 256 }),
    description: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  { additionalProperties: false },
);

export const AwsConnector = Type.Object({
  connectorUuid: Type.String(),
  name: Type.String(),
  description: NullableString,
  arn: Type.String(),
  externalId: Type.String(),
  accountId: Type.String(),
  created: MillisString,
});

export const ScanJobImage = Type.Object({
  repository: Type.String(),
  tag: NullableString,
  digest: NullableString,
  imageId: NullableString,
  status: Type.String({ description: 'scanned or failed' }),
  error: NullableString,
});

export const ScanJob = Type.Object({
  jobUuid: Type.String(),
  state: Type.String({ description: 'Queued, Running, Completed or Failed' }),
  error: NullableString,
  created: MillisString,
  started: MillisString,
  finished: MillisString,
  imagesTotal: Nullable(Type.Integer({ description: 'null while the server is still listing' })),
  imagesScanned: Type.Integer(),
  imagesFailed: Type.Integer(),
  images: Type.Array(ScanJobImage),
});
