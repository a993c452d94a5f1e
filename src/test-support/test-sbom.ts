import type { OSInfo, Package, Sbom } from '../core/sbom/model.js';

/** An SBOM holding just these packages (and the OS, when given), for matcher tests. Test support. */
export function testSbom(packages: Package[], os?: OSInfo): Sbom {
  return {
    bomFormat: 'bulwark-sbom',
    schemaVersion: 1,
    image: { ref: 'test', kind: 'sbom', imageId: 'sha256:0', repoTags: [], repoDigests: [] },
    ...(os ? { os } : {}),
    layers: [],
    packages,
    unknowns: [],
  };
}
