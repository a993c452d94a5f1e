/** Response shapes of the image routes (sample 4 for the list). */
import { Type } from 'typebox';
import { Label, MillisString, Nullable, NullableString, SeverityCounts } from '../../../../schemas.js';

export const ImageSummary = Type.Object({
  created: MillisString,
  sha: Type.String(),
  repo: Type.Array(Type.Object({ registry: Type.String(), tag: NullableString, repository: Type.String() })),
  uuid: Type.String(),
  size: Nullable(Type.Number()),
  /** Null when the image could not be checked; `scanError` says why. */
  vulnerabilities: Nullable(SeverityCounts),
  /** Present only when the image could not be (fully) checked. */
  scanError: Type.Optional(Type.String()),
  imageId: Type.String(),
  associatedContainersCount: Type.Integer(),
  associatedHostsCount: Type.Integer(),
  lastScanned: MillisString,
  registryUuid: Nullable(Type.Array(Type.String())),
  source: Type.Array(Type.String()),
});

export const ImageDetails = Type.Object({
  ...ImageSummary.properties,
  customerUuid: Type.String(),
  firstSeen: MillisString,
  operatingSystem: NullableString,
  architecture: NullableString,
  label: Type.Array(Label),
  scanError: NullableString,
});

export const Association = Type.Object({
  containers: Type.Array(
    Type.Object({
      uuid: Type.String(),
      containerId: Type.String(),
      name: Type.String(),
      state: Type.String(),
    }),
  ),
  hosts: Type.Array(
    Type.Object({
      uuid: Type.String(),
      hostname: NullableString,
      ipAddress: NullableString,
      sensorUuid: NullableString,
    }),
  ),
});

export const AssetSoftware = Type.Object({
  name: Type.String(),
  version: Type.String(),
  ecosystem: NullableString,
  type: Type.String(),
  purl: NullableString,
  sourceName: NullableString,
  sourceVersion: NullableString,
  layerDigest: NullableString,
  path: NullableString,
  fixVersion: NullableString,
  vulnerabilities: Type.Array(Type.Object({ qid: Type.Integer() })),
});

export const AssetVulnerability = Type.Object({
  qid: Type.Integer(),
  id: Type.String(),
  cveids: Type.Array(Type.String()),
  title: Type.String(),
  severity: Type.Integer(),
  cvssScore: Nullable(Type.Number()),
  published: MillisString,
  firstFound: MillisString,
  lastFound: MillisString,
  software: Type.Array(
    Type.Object({ name: Type.String(), version: Type.String(), fixVersion: NullableString }),
  ),
});
