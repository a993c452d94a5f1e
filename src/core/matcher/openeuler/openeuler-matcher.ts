import type { OSInfo } from '../../sbom/model.js';
import { defineDistroMatcher } from '../strategy/distro-strategy.js';

/**
 * openEuler advisories are published per LTS release and service pack:
 * `openEuler:22.03-LTS`, `openEuler:22.03-LTS-SP1`, `openEuler:20.03-LTS-SP4`. os-release
 * has only `VERSION_ID="22.03"`; the release line is in `VERSION`/`PRETTY_NAME`
 * (`openEuler 22.03 (LTS-SP1)`, `openEuler 22.03 LTS`). Without an LTS marker the
 * release is an innovation one, which openEuler issues no advisories for: no ecosystem,
 * so the report says the OS was not checked rather than clean. Names are source rpms.
 */
export function openEulerEcosystems(os: OSInfo): string[] {
  const text = `${os.version} ${os.name} ${os.codename ?? ''}`;
  const release = /(\d{2}\.\d{2})/.exec(text)?.[1];
  const lts = /\bLTS(?:[-\s]?(SP\d+))?\b/i.exec(text);
  if (!release || !lts) return [];
  return [lts[1] ? `openEuler:${release}-LTS-${lts[1].toUpperCase()}` : `openEuler:${release}-LTS`];
}

export const openEulerMatcher = defineDistroMatcher({
  name: 'distro/openeuler',
  packageType: 'rpm',
  osFamilies: ['openeuler'],
  naming: 'source',
  ecosystems: openEulerEcosystems,
});
