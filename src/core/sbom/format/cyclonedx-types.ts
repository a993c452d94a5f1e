import type { Property } from './bulwark-properties.js';

/** The subset of CycloneDX 1.6 JSON that Bulwark writes and reads. */
export type CdxLicenseChoice =
  | { license: { id: string } }
  | { license: { name: string } }
  | { expression: string };

export interface CdxComponent {
  type: 'application' | 'container' | 'operating-system' | 'library';
  'bom-ref': string;
  group?: string;
  name: string;
  version?: string;
  description?: string;
  purl?: string;
  licenses?: CdxLicenseChoice[];
  /** Every file the component was found in, when there is more than one. */
  evidence?: { occurrences: { location: string }[] };
  properties?: Property[];
}

export interface CdxDependency {
  ref: string;
  dependsOn?: string[];
}

export interface CdxRating {
  source?: { name: string; url?: string };
  score?: number;
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none' | 'unknown';
  method?: 'CVSSv2' | 'CVSSv3' | 'CVSSv31' | 'CVSSv4' | 'other';
  vector?: string;
}

export interface CdxVulnerability {
  'bom-ref'?: string;
  id: string;
  source?: { name: string; url?: string };
  references?: { id: string; source: { name?: string; url?: string } }[];
  ratings?: CdxRating[];
  cwes?: number[];
  description?: string;
  advisories?: { url: string }[];
  published?: string;
  analysis?: {
    state:
      | 'resolved'
      | 'resolved_with_pedigree'
      | 'exploitable'
      | 'in_triage'
      | 'false_positive'
      | 'not_affected';
    detail?: string;
  };
  affects: { ref: string; versions?: { version: string; status: 'affected' | 'unaffected' | 'unknown' }[] }[];
  properties?: Property[];
}

export interface CdxBom {
  $schema?: string;
  bomFormat: 'CycloneDX';
  specVersion: string;
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    tools: { components: CdxComponent[] };
    component: CdxComponent;
    properties?: Property[];
  };
  components: CdxComponent[];
  dependencies: CdxDependency[];
  vulnerabilities?: CdxVulnerability[];
}
