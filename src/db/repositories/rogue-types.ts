/** The rogue comparison of a container with its image, as stored in `containers.rogue_json`. */
export interface RogueVulnerability {
  qid: number;
  id: string;
  severity: number;
}

export interface RogueSoftware {
  name: string;
  version: string;
}

export interface RogueReport {
  vulnerabilities: { new: RogueVulnerability[]; fixed: RogueVulnerability[]; varied: RogueVulnerability[] };
  software: { new: RogueSoftware[]; removed: RogueSoftware[] };
}
