/**
 * An SPDX package carries its version twice: `versionInfo` and the purl in its external
 * references. Producers disagree on `versionInfo` (Trivy drops the rpm epoch there;
 * some write the upstream version where the purl holds the distro release), while the
 * purl is what matching needs. So the purl wins when both are present and differ, and
 * the decoded SBOM says so (an entry in `unknowns` naming both), rather than silently
 * picking one.
 */
export interface SpdxVersionChoice {
  version: string;
  /** Set when the two disagreed: which one was used and what the other said. */
  note?: string;
}

export function chooseSpdxVersion(purlVersion: string, versionInfo: string | undefined): SpdxVersionChoice {
  if (!purlVersion) return { version: versionInfo ?? '' };
  if (versionInfo === undefined || versionInfo === purlVersion) return { version: purlVersion };
  return {
    version: purlVersion,
    note: `versionInfo "${versionInfo.slice(0, 80)}" differs from the purl's version "${purlVersion.slice(0, 80)}"; the purl's version was used`,
  };
}
