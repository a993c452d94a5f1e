/**
 * The upload formats sensors speak, version 1, as JSON schemas (TypeBox) that the OpenAPI
 * document publishes, so others can write sensors. Bodies may be gzip-compressed
 * (`Content-Encoding: gzip`); every upload carries an `Idempotency-Key` header.
 */
import { Type } from 'typebox';

const Sha = Type.String({
  pattern: '^(sha256:)?[0-9a-f]{64}$',
  description: '64-hex image or container id, optionally prefixed with sha256:',
});
const Millis = Type.Integer({ minimum: 0, description: 'epoch milliseconds' });
const ShortText = (max: number) => Type.String({ maxLength: max });
const Labels = Type.Record(Type.String({ maxLength: 1024 }), Type.String({ maxLength: 4096 }));
const RepoTags = Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { maxItems: 256 });

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    pattern: '^[A-Za-z0-9._:-]{8,128}$',
    description: 'unique per delivery; a retry of the same delivery reuses it',
  }),
});

export const SnapshotImage = Type.Object(
  {
    sha: Sha,
    repoTags: Type.Optional(RepoTags),
    size: Type.Optional(Type.Integer({ minimum: 0 })),
    created: Type.Optional(Millis),
    labels: Type.Optional(Labels),
  },
  { additionalProperties: false },
);

export const CONTAINER_STATES = ['CREATED', 'RUNNING', 'PAUSED', 'STOPPED', 'DELETED'] as const;

export const SnapshotContainer = Type.Object(
  {
    sha: Sha,
    name: Type.String({ minLength: 1, maxLength: 256 }),
    imageSha: Sha,
    state: Type.Union(CONTAINER_STATES.map((s) => Type.Literal(s))),
    created: Type.Optional(Millis),
    stateChanged: Type.Optional(Millis),
    privileged: Type.Optional(Type.Boolean()),
    path: Type.Optional(ShortText(4096)),
    command: Type.Optional(ShortText(8192)),
    arguments: Type.Optional(Type.Array(ShortText(4096), { maxItems: 256 })),
    environment: Type.Optional(Type.Array(ShortText(8192), { maxItems: 1024 })),
    ports: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 256 })),
    hostname: Type.Optional(ShortText(256)),
    ipv4: Type.Optional(ShortText(64)),
    labels: Type.Optional(Labels),
  },
  { additionalProperties: false },
);

export const InventorySnapshotV1 = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    takenAt: Millis,
    images: Type.Array(SnapshotImage, { maxItems: 20_000 }),
    containers: Type.Array(SnapshotContainer, { maxItems: 20_000 }),
  },
  {
    additionalProperties: false,
    $id: 'InventorySnapshotV1',
    description: 'every image and container on the host',
  },
);

export const IMAGE_ACTIONS = ['load', 'pull', 'import', 'tag', 'untag', 'delete', 'push', 'save'] as const;
export const CONTAINER_ACTIONS = [
  'create',
  'start',
  'restart',
  'stop',
  'kill',
  'die',
  'pause',
  'unpause',
  'exec_create',
  'exec_start',
  'exec_die',
  'destroy',
  'commit',
  'rename',
  'oom',
] as const;

export const SensorEvent = Type.Object(
  {
    occurred: Millis,
    type: Type.Union([Type.Literal('IMAGE'), Type.Literal('CONTAINER')]),
    action: Type.Union([...IMAGE_ACTIONS, ...CONTAINER_ACTIONS].map((a) => Type.Literal(a))),
    imageSha: Type.Optional(Sha),
    containerSha: Type.Optional(Sha),
    name: Type.Optional(ShortText(256)),
    repoTag: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    context: Type.Optional(ShortText(4096)),
  },
  { additionalProperties: false },
);

export const EventsUploadV1 = Type.Object(
  { schemaVersion: Type.Literal(1), events: Type.Array(SensorEvent, { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false, $id: 'EventsUploadV1', description: 'Docker events, oldest first' },
);

/** A CycloneDX 1.4+ JSON document as `bulwark sbom -f cyclonedx` writes it; checked in depth on ingest. */
export const CycloneDxDocument = Type.Object(
  {
    bomFormat: Type.Literal('CycloneDX'),
    specVersion: Type.String({ pattern: '^1\\.[4-9]$' }),
    components: Type.Optional(
      Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 200_000 }),
    ),
  },
  { additionalProperties: true },
);

export const SbomUploadV1 = Type.Object(
  {
    schemaVersion: Type.Literal(1),
    assetType: Type.Union([Type.Literal('IMAGE'), Type.Literal('CONTAINER')]),
    imageSha: Sha,
    containerSha: Type.Optional(Sha),
    containerName: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    repoTags: Type.Optional(RepoTags),
    /** Registry sensors: the registry (uuid) the image was pulled from; its tags there are linked to it. */
    registryUuid: Type.Optional(Type.String({ pattern: '^[0-9a-f-]{36}$' })),
    sbom: CycloneDxDocument,
  },
  {
    additionalProperties: false,
    $id: 'SbomUploadV1',
    description:
      'an image SBOM, or a container SBOM (its image plus its writable layer) whose image is already known',
  },
);

export const UploadAccepted = Type.Object({
  kind: Type.String(),
  images: Type.Optional(Type.Integer()),
  containers: Type.Optional(Type.Integer()),
  events: Type.Optional(Type.Integer()),
  assetUuid: Type.Optional(Type.String()),
  software: Type.Optional(Type.Integer()),
});
