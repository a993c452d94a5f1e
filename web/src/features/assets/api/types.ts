/** Response shapes of the image and container endpoints (see docs/api/openapi.json). */
import type { CheckedAsset } from '../../../components/severity-counts';

export interface RepoRef {
  registry: string;
  repository: string;
  tag: string | null;
}
/** `vulnerabilities` is null, and `scanError` says why, when the server could not check the asset. */
export interface ImageSummary extends CheckedAsset {
  uuid: string;
  imageId: string;
  sha: string;
  created: string | null;
  size: number | null;
  repo: RepoRef[];
  associatedContainersCount: number;
  associatedHostsCount: number;
  lastScanned: string | null;
  source: string[];
}
export interface ImageDetails extends ImageSummary {
  firstSeen: string | null;
  operatingSystem: string | null;
  architecture: string | null;
  label: { key: string; value: string }[];
}
export interface HostRef {
  sensorUuid?: string | null;
  hostname: string | null;
  ipAddress: string | null;
  uuid?: string | null;
}
export interface ContainerSummary extends CheckedAsset {
  uuid: string;
  containerId: string;
  name: string;
  imageId: string | null;
  imageUuid: string | null;
  state: string;
  created: string | null;
  stateChanged: string | null;
  lastScanned: string | null;
  host: HostRef | null;
}
/**
 * The server's comparison of a container with its image (stored at ingest, the same one
 * `isRogue` is set from); null until both have an SBOM.
 */
export interface RogueReport {
  vulnerabilities: {
    new: RogueVulnerability[];
    fixed: RogueVulnerability[];
    varied: RogueVulnerability[];
  };
  software: { new: RogueSoftware[]; removed: RogueSoftware[] };
}
export interface RogueVulnerability {
  qid: number;
  id: string;
  severity: number;
}
export interface RogueSoftware {
  name: string;
  version: string;
}
export interface ContainerDetails extends ContainerSummary {
  rogue: RogueReport | null;
  portMapping: unknown;
  label: { key: string; value: string }[];
  privileged: boolean;
  command: string | null;
  operatingSystem: string | null;
  ipv4: string | null;
  hostname: string | null;
  isRogue: boolean;
  arguments: unknown;
}
export interface AssetSoftware {
  name: string;
  version: string;
  ecosystem: string | null;
  type: string;
  purl: string | null;
  layerDigest: string | null;
  path: string | null;
  fixVersion: string | null;
  vulnerabilities: { qid: number }[];
}
export interface AssetVulnerability {
  qid: number;
  id: string;
  cveids: string[];
  title: string;
  severity: number;
  cvssScore: number | null;
  published: string | null;
  firstFound: string | null;
  lastFound: string | null;
  software: { name: string; version: string; fixVersion: string | null }[];
}
export interface Association {
  containers: { uuid: string; containerId: string; name: string; state: string }[];
  hosts: { uuid: string; hostname: string | null; ipAddress: string | null; sensorUuid: string | null }[];
}
