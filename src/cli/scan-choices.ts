import { BulwarkError } from '../core/errors.js';
import { type PackageTypeChoice, packageTypeChoices } from '../core/sbom/package-types.js';

function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

/** `--pkg-types os,library` (Trivy's spelling); undefined means both. */
export function parsePackageTypes(text: string | undefined): PackageTypeChoice[] | undefined {
  if (text === undefined) return undefined;
  const chosen = list(text);
  const bad = chosen.filter((t) => !(packageTypeChoices as readonly string[]).includes(t));
  if (chosen.length === 0 || bad.length > 0)
    throw new BulwarkError(
      'USAGE',
      `--pkg-types "${text}": expected a list of ${packageTypeChoices.join(', ')}`,
    );
  return chosen as PackageTypeChoice[];
}

/** Trivy's scanner names; Bulwark has the vulnerability scanner only, and says so rather than skip silently. */
const knownScanners = ['vuln', 'misconfig', 'secret', 'license'];

export function checkScanners(text: string | undefined): void {
  if (text === undefined) return;
  const chosen = list(text);
  const unknown = chosen.filter((s) => !knownScanners.includes(s));
  if (unknown.length > 0)
    throw new BulwarkError(
      'USAGE',
      `--scanners "${text}": unknown ${unknown.join(', ')} (known: ${knownScanners.join(', ')})`,
    );
  const missing = chosen.filter((s) => s !== 'vuln');
  if (missing.length > 0 || chosen.length === 0)
    throw new BulwarkError(
      'USAGE',
      `--scanners "${text}": Bulwark scans for vulnerabilities only (vuln); ${missing.join(', ') || 'an empty list'} is not available`,
    );
}
