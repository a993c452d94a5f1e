/**
 * Schemas shared by the routes (TypeBox: JSON Schema with static types). Every request
 * part and every response has one; request objects reject unknown properties
 * (`additionalProperties: false`, and the server's Ajv does not strip them), and the
 * OpenAPI document is generated from them.
 */
import { type TSchema, type TString, Type } from 'typebox';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const NullableString = Nullable(Type.String());
/** Epoch milliseconds as a string, as the reference returns most timestamps. */
export const MillisString = Nullable(Type.String({ pattern: '^[0-9]+$', description: 'epoch milliseconds' }));

export const ErrorResponse = Type.Object(
  {
    code: Type.String({ description: 'error code from the catalog, e.g. BAD_REQUEST, QQL_SYNTAX' }),
    message: Type.String(),
    requestId: Type.String(),
    column: Type.Optional(Type.Integer({ description: 'QQL errors: 1-based column of the mistake' })),
  },
  { $id: 'ErrorResponse' },
);

/** Shared by reference, so the OpenAPI document states it once. */
const ErrorRef = Type.Unsafe<{ code: string; message: string; requestId: string; column?: number }>({
  $ref: 'ErrorResponse#',
});

export const errorResponses = {
  400: ErrorRef,
  401: ErrorRef,
  403: ErrorRef,
  404: ErrorRef,
  409: ErrorRef,
  413: ErrorRef,
  429: ErrorRef,
};

export const SeverityCounts = Type.Object({
  severity5Count: Type.Integer(),
  severity3Count: Type.Integer(),
  severity4Count: Type.Integer(),
  severity1Count: Type.Integer(),
  severity2Count: Type.Integer(),
});

export const HostRef = Type.Object({
  sensorUuid: NullableString,
  hostname: NullableString,
  ipAddress: NullableString,
  uuid: NullableString,
});

export const Label = Type.Object({ key: Type.String(), value: Type.String() });

const ID_PATTERN = '^[A-Za-z0-9:._-]{1,128}$';
export const IdParam = <K extends string>(name: K, description: string) =>
  Type.Object({ [name]: Type.String({ pattern: ID_PATTERN, description }) } as Record<K, TString>, {
    additionalProperties: false,
  });

export const UuidString = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});

export const ListQuerystring = Type.Object(
  {
    filter: Type.Optional(Type.String({ maxLength: 4096, description: 'QQL filter' })),
    pageNo: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: '1-based page' })),
    pageNumber: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1_000_000,
        description: 'alias of pageNo (used by a reference sample)',
      }),
    ),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'default 50' })),
    sort: Type.Optional(
      Type.String({ maxLength: 512, description: '`created:desc` or `[{"created":"desc"}]`' }),
    ),
  },
  { additionalProperties: false },
);

export const DatedListQuerystring = Type.Object(
  {
    ...ListQuerystring.properties,
    fromDate: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'epoch time; values below 10^11 are seconds, others milliseconds',
      }),
    ),
    toDate: Type.Optional(Type.Integer({ minimum: 0, description: 'epoch time, as fromDate' })),
  },
  { additionalProperties: false },
);

export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    count: Type.Integer({
      description: 'total matches; when countIsEstimate is true, a lower bound (10,000: more match)',
    }),
    countIsEstimate: Type.Optional(
      Type.Literal(true, {
        description:
          'present when a filtered total exceeds 10,000: counting further is not done, narrow the filter',
      }),
    ),
  });

export const DeletionJobAccepted = Type.Object({ deletionJobId: Type.String() });

/** Body of DELETE images/containers/sensors: UUIDs, or a QQL filter (sample 7 and 8). */
const UuidList = Type.Optional(Type.Array(UuidString, { minItems: 1, maxItems: 1000 }));
export const DeleteRequest = <K extends string>(idsKey: K) =>
  Type.Object(
    {
      ...({ [idsKey]: UuidList } as Record<K, typeof UuidList>),
      filter: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    },
    { additionalProperties: false },
  );
