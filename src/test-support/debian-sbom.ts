/**
 * The SBOM of a real Debian image as `bulwark sbom -f cyclonedx` writes it: the image is
 * imported into the test dockerd (debian-rootfs.ts), saved with `docker save`, read by
 * the same `generateSbom` + CycloneDX encoder the CLI uses.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSbom } from '../core/sbom/format/sbom-formats.js';
import type { Sbom } from '../core/sbom/model.js';
import { generateSbom } from '../core/scan/generate-sbom.js';
import { importDebianImage } from './debian-rootfs.js';
import { dockerSaveTo } from './registry-push.js';

export interface DebianSbom {
  /** `sha256:…` as docker reports it. */
  imageId: string;
  /** 64 hex. */
  sha: string;
  sbom: Sbom;
  /** The CycloneDX document, parsed. */
  cyclonedx: Record<string, unknown>;
}

export async function debianImageSbom(tag: string, extraPackages?: string[]): Promise<DebianSbom> {
  const imageId = (await importDebianImage(tag, extraPackages)).trim();
  // The saved archive (160 MB) is only read here: removed once the SBOM is made.
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-debian-sbom-'));
  try {
    const archive = join(dir, 'image.tar');
    await dockerSaveTo(tag, archive);
    const sbom = await generateSbom(`docker-archive:${archive}`, { cacheDir: false });
    const cyclonedx = JSON.parse(encodeSbom('cyclonedx', sbom)) as Record<string, unknown>;
    return { imageId, sha: imageId.replace(/^sha256:/, ''), sbom, cyclonedx };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
