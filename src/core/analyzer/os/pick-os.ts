import { isBulwarkError } from '../../errors.js';
import type { OSInfo } from '../../sbom/model.js';
import { osReleasePaths } from './os-release-analyzer.js';

/**
 * Chooses the image's OS from what the release files said. os-release wins (it
 * names the family precisely, e.g. Ubuntu also ships debian_version); the other
 * files fill in when it is missing or silent. `etc/os-release` is usually a
 * symlink, so paths are resolved through the image's links first.
 */
export function pickOS(
  candidates: { path: string; os: OSInfo }[],
  resolve: (path: string) => string,
): OSInfo | undefined {
  const byPath = new Map(candidates.map((c) => [c.path, c.os]));
  const found: OSInfo[] = [];
  for (const path of osReleasePaths) {
    let real: string;
    try {
      real = resolve(path);
    } catch (err) {
      // A loop on the very file that names the OS is a broken image, not a detail.
      if (isBulwarkError(err, 'SYMLINK_LOOP')) throw err;
      continue;
    }
    const os = byPath.get(real) ?? byPath.get(path);
    if (os) found.push(os);
  }
  const best = found[0];
  if (!best) return undefined;
  if (best.version === '') {
    const withVersion = found.find((os) => os.family === best.family && os.version !== '');
    if (withVersion) return { ...best, version: withVersion.version };
  }
  return best;
}
