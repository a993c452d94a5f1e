/**
 * The registry-scan job protocol between the server and `bulwark sensor --registry-sensor`,
 * version 1, under the sensor prefix (`/sensor/v1`, sensor credential, mode `registry` only):
 *
 *   POST /sensor/v1/registry-jobs/claim          → 200 ClaimedJob | 204 (nothing queued)
 *   POST /sensor/v1/registry-jobs/:id/progress   ProgressReport → 200 ProgressAccepted
 *   POST /sensor/v1/registry-jobs/:id/complete   CompleteReport → 200 CompleteAccepted
 *
 * A claim is atomic: two sensors never get the same job. The claimed job carries the
 * registry's credentials DECRYPTED (plain text, not the API's base64) — the only place they
 * ever leave the server. SBOMs go through the ordinary `POST /sensor/v1/sbom` with
 * `registryUuid` set, so the image is recorded with source REGISTRY under that registry.
 * Progress may be reported in several calls; a result for an image already reported
 * replaces it. `:id` belongs to the claiming sensor: another sensor gets 404.
 */
import { type Static, Type } from 'typebox';

export const REGISTRY_JOB_STATES = ['Queued', 'Running', 'Completed', 'Failed'] as const;
export type RegistryJobState = (typeof REGISTRY_JOB_STATES)[number];

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** What the sensor needs to talk to the registry. Absent fields do not apply to its type. */
export const SensorRegistry = Type.Object({
  uuid: Type.String(),
  /** e.g. `https://registry.example.com:5000` (scheme included; plain http only on loopback or when given). */
  uri: Type.String(),
  /** `V2`, `V2-Private`, `DockerHub`, `AWS`. */
  type: Type.String(),
  /** `None`, `BasicAuth`, `Token`, `DockerHub`, `AWS`. */
  credentialType: Type.String(),
  username: Type.Optional(Type.String()),
  password: Type.Optional(Type.String()),
  /** credentialType Token: sent as `Authorization: Bearer <token>` to the registry. */
  token: Type.Optional(Type.String()),
  dockerHubOrgName: Type.Optional(Type.String()),
  awsAccountId: Type.Optional(Type.String()),
  awsRegion: Type.Optional(Type.String()),
  awsArn: Type.Optional(Type.String()),
  awsAccessKeyId: Type.Optional(Type.String()),
  awsSecretAccessKey: Type.Optional(Type.String()),
});
export type SensorRegistry = Static<typeof SensorRegistry>;

/** One image to scan: a repository (full path, as the catalog names it) and a tag or a digest. */
export const JobImage = Type.Object(
  {
    repository: Text(512),
    tag: Type.Optional(Text(256)),
    digest: Type.Optional(Type.String({ pattern: '^sha256:[0-9a-f]{64}$' })),
  },
  { additionalProperties: false },
);
export type JobImage = Static<typeof JobImage>;

export const ClaimedJob = Type.Object({
  job: Type.Object({
    id: Type.String(),
    scheduleUuid: Type.String(),
    registry: SensorRegistry,
    images: Type.Array(JobImage),
  }),
});
export type ClaimedJob = Static<typeof ClaimedJob>;

export const ImageResult = Type.Object(
  {
    ...JobImage.properties,
    /** The scanned image's config digest (its image id), when known. */
    imageId: Type.Optional(Type.String({ pattern: '^(sha256:)?[0-9a-f]{64}$' })),
    status: Type.Union([Type.Literal('scanned'), Type.Literal('failed')]),
    error: Type.Optional(Type.String({ maxLength: 4096 })),
  },
  { additionalProperties: false },
);
export type ImageResult = Static<typeof ImageResult>;

export const ProgressReport = Type.Object(
  { results: Type.Array(ImageResult, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
export type ProgressReport = Static<typeof ProgressReport>;

export const ProgressAccepted = Type.Object({ recorded: Type.Integer() });

export const CompleteReport = Type.Object(
  {
    state: Type.Union([Type.Literal('Completed'), Type.Literal('Failed')]),
    error: Type.Optional(Type.String({ maxLength: 4096 })),
  },
  { additionalProperties: false },
);
export type CompleteReport = Static<typeof CompleteReport>;

export const CompleteAccepted = Type.Object({ id: Type.String(), state: Type.String() });

export const JobIdParam = Type.Object(
  { id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) },
  { additionalProperties: false },
);

/** Paths relative to `/sensor/v1`, for clients. */
export const REGISTRY_JOB_PATHS = {
  claim: '/registry-jobs/claim',
  progress: (id: string) => `/registry-jobs/${id}/progress`,
  complete: (id: string) => `/registry-jobs/${id}/complete`,
} as const;
