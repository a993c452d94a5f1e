import { Type } from 'typebox';
import { IdParam, MillisString, Nullable, NullableString, UuidString } from '../../../../schemas.js';
import { CREDENTIAL_TYPES, REGISTRY_TYPES } from './registry-config.js';

export const RegistryParam = IdParam('registryId', 'registry UUID');
export const ScheduleParams = Type.Object(
  { registryId: UuidString, scheduleId: UuidString },
  { additionalProperties: false },
);
/** The body of the bulk deletes (registries, schedules). */
export const UuidArray = Type.Array(UuidString, { minItems: 1, maxItems: 1000 });

const Aws = Type.Object(
  {
    accountId: Type.String({ pattern: '^[0-9]{12}$' }),
    arn: Type.String({ maxLength: 2048 }),
    region: Type.String({ pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]$' }),
    accessKeyId: Type.Optional(
      Type.String({ minLength: 16, maxLength: 128, description: 'stored encrypted' }),
    ),
    secretAccessKey: Type.Optional(
      Type.String({ minLength: 1, maxLength: 256, description: 'stored encrypted, never returned' }),
    ),
  },
  { additionalProperties: false },
);

export const RegistryBody = Type.Object(
  {
    registryUri: Type.String({ minLength: 1, maxLength: 2048 }),
    registryType: Type.Union(REGISTRY_TYPES.map((t) => Type.Literal(t))),
    credentialType: Type.Union(CREDENTIAL_TYPES.map((t) => Type.Literal(t))),
    username: Type.Optional(Type.String({ maxLength: 1024, description: 'base64' })),
    password: Type.Optional(
      Type.String({ maxLength: 4096, description: 'base64; stored encrypted, never returned' }),
    ),
    token: Type.Optional(Type.String({ maxLength: 8192, description: 'stored encrypted, never returned' })),
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
  timeZone: Type.String(),
  filters: Type.Array(Type.Unknown()),
  tagFilter: NullableString,
  tagFilterType: NullableString,
  pushedWithinDays: Nullable(Type.Integer()),
  status: Type.String(),
  created: MillisString,
  updated: MillisString,
  lastRun: MillisString,
  nextRun: MillisString,
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
  vulnerableImagesCount: Type.Integer({
    description: 'images seen through this registry with an open finding',
  }),
  uncheckedImagesCount: Type.Integer({
    description:
      'images seen through this registry that could not be (fully) checked: vulnerableImagesCount does not cover them',
  }),
  schedules: Type.Array(Schedule),
});

export const ScheduleBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 256 }),
    scheduleType: Type.Union([Type.Literal('ON_DEMAND'), Type.Literal('DAILY')], {
      description:
        'ON_DEMAND runs now (repositories or specific images); DAILY scans whole repositories every day',
    }),
    timeOfDay: Type.Optional(Type.String({ maxLength: 16, description: 'HH:MM, in timeZone; DAILY only' })),
    timeZone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA time zone, default UTC' })),
    filters: Type.Optional(
      Type.Array(
        Type.Object(
          {
            repo: Type.String({
              minLength: 1,
              maxLength: 512,
              description: 'full repository path, e.g. team/app',
            }),
            tag: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$' })),
            digest: Type.Optional(Type.String({ pattern: '^sha256:[a-f0-9]{64}$' })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100, description: 'none: every repository of the catalog' },
      ),
    ),
    tagFilter: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    tagFilterType: Type.Optional(
      Type.Union([Type.Literal('glob'), Type.Literal('regex')], { default: 'glob' }),
    ),
    pushedWithinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
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

export const Repository = Type.Object({
  repoName: Type.String({ description: 'full repository path, as schedules name it' }),
  tagsCount: Type.Integer(),
  lastScanned: MillisString,
});
