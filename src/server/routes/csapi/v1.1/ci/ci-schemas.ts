/** Response shape of the CI gate's poll route (`bulwark ci`, src/ci/). */
import { Type } from 'typebox';
import { MillisString, Nullable, NullableString } from '../../../../schemas.js';

export const CiPackage = Type.Object({
  name: Type.String(),
  version: Type.String(),
  type: NullableString,
  ecosystem: NullableString,
  purl: NullableString,
  path: NullableString,
  fixedVersion: NullableString,
  patchable: Type.Boolean(),
});

export const CiVulnerability = Type.Object({
  id: Type.String(),
  qid: Type.Integer(),
  aliases: Type.Array(Type.String()),
  title: Type.String(),
  severity: Type.Integer({ minimum: 1, maximum: 5 }),
  cvssScore: Nullable(Type.Number()),
  cvssVector: NullableString,
  published: MillisString,
  packages: Type.Array(CiPackage),
});

export const CiImageResult = Type.Object({
  uuid: Type.String(),
  sha: Type.String(),
  imageId: Type.String(),
  repoTags: Type.Array(Type.String()),
  operatingSystem: NullableString,
  lastScanned: MillisString,
  matchedAt: Type.String(),
  vulnerabilitiesChecked: Type.Boolean({
    description:
      'false: the server could not check (all of) the image (no vulnerability database, no advisories for its OS release); scanError says why',
  }),
  scanError: NullableString,
  vulnerabilities: Type.Array(CiVulnerability),
});
