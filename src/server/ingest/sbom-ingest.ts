/**
 * Applies an SBOM upload (CycloneDX as `bulwark sbom` writes it): the image (or the
 * container, whose image must already be known to the same customer) is upserted, and its
 * software list replaced by the SBOM's packages — only the difference is written. Matching
 * and the rogue comparison run after the commit (`after-ingest.ts`).
 */
import type { Static } from 'typebox';
import { BulwarkError } from '../../core/errors.js';
import { decodeCycloneDx } from '../../core/sbom/format/decode-cyclonedx.js';
import type { Sbom } from '../../core/sbom/model.js';
import { replaceAssetSoftware } from '../../db/repositories/asset-software-repository.js';
import { imageUuidBySha, upsertContainer, upsertImage } from '../../db/repositories/ingest-repository.js';
import { markRegistryImage } from '../../db/repositories/registries-repository.js';
import type { AssetType } from '../../db/schema.js';
import type { TenantScope } from '../../db/tenant.js';
import { softwareColumns } from '../matching/package-row.js';
import { MATCH_PENDING, recordScanState } from '../matching/scan-state.js';
import type { SbomUploadV1 } from './ingest-schemas.js';
import { sha64, type Uploader } from './uploader.js';

export type SbomUpload = Static<typeof SbomUploadV1>;

/** Components (nested ones too) without a string `name`: CycloneDX requires one. */
function countUnnamed(components: unknown): number {
  if (!Array.isArray(components)) return 0;
  let n = 0;
  for (const c of components as unknown[]) {
    if (typeof c !== 'object' || c === null) {
      n++;
      continue;
    }
    const rec = c as { name?: unknown; components?: unknown };
    if (typeof rec.name !== 'string' || rec.name === '') n++;
    n += countUnnamed(rec.components);
  }
  return n;
}

/** Decodes and checks the document; any defect is a 400 naming it, before anything is written. */
export function readUploadedSbom(body: SbomUpload): Sbom {
  let sbom: Sbom;
  try {
    sbom = decodeCycloneDx(body.sbom as unknown as Parameters<typeof decodeCycloneDx>[0], 'sbom');
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new BulwarkError('BAD_REQUEST', `invalid SBOM: ${why}`, { cause: err });
  }
  const unnamed = countUnnamed(body.sbom.components);
  if (unnamed > 0 || sbom.packages.some((p) => !p.name))
    throw new BulwarkError('BAD_REQUEST', `invalid SBOM: ${unnamed || 'a'} component(s) without a name`);
  const declared = sha64(sbom.image.imageId);
  if (body.assetType === 'IMAGE' && declared && declared !== sha64(body.imageSha)) {
    throw new BulwarkError(
      'BAD_REQUEST',
      `invalid SBOM: it describes image ${declared.slice(0, 12)}, not ${sha64(body.imageSha).slice(0, 12)}`,
    );
  }
  if (body.assetType === 'CONTAINER' && !body.containerSha)
    throw new BulwarkError('BAD_REQUEST', 'invalid body: a CONTAINER SBOM needs containerSha');
  return sbom;
}

export interface StoredSbom {
  kind: 'sbom';
  assetType: AssetType;
  assetUuid: string;
  software: number;
}

export async function applySbom(
  tx: TenantScope,
  up: Uploader,
  body: SbomUpload,
  sbom: Sbom,
  now: number,
): Promise<StoredSbom> {
  const imageSha = sha64(body.imageSha);
  const rows = sbom.packages.map((p) => softwareColumns(p, sbom.os));
  let assetUuid: string;
  if (body.assetType === 'IMAGE') {
    assetUuid = await upsertImage(
      tx,
      {
        sha: imageSha,
        source: up.source,
        repoTags: body.repoTags ?? sbom.image.repoTags,
        operatingSystem: sbom.os?.name || null,
        architecture: sbom.image.architecture ?? null,
        scannedAt: now,
      },
      now,
    );
    if (body.registryUuid) await markRegistryImage(tx, assetUuid, body.registryUuid);
  } else {
    const imageUuid = await imageUuidBySha(tx, imageSha);
    // The customer must know the image: an SBOM cannot attach a container to someone else's.
    if (!imageUuid)
      throw new BulwarkError('NOT_FOUND', `no image ${imageSha.slice(0, 12)}: upload its SBOM first`);
    assetUuid = await upsertContainer(
      tx,
      {
        sha: sha64(body.containerSha ?? ''),
        imageSha,
        imageUuid,
        ...(body.containerName ? { name: body.containerName } : {}),
        hostId: up.hostId,
        sensorId: up.sensorId,
        scannedAt: now,
      },
      now,
    );
  }
  await replaceAssetSoftware(tx, body.assetType, assetUuid, rows, now);
  // Committed with the rows; `afterSbomStored` replaces it once matching has run.
  await recordScanState(tx, body.assetType, assetUuid, MATCH_PENDING);
  return { kind: 'sbom', assetType: body.assetType, assetUuid, software: rows.length };
}
