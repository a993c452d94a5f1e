/**
 * `explain`: every decision about one vulnerability for one SBOM — affected or not, and
 * why — including advisories that name the package but do not affect its version.
 */
import type { AdvisoryStore } from '../advisory/store.js';
import { type Evaluation, MatchEngine } from '../matcher/match-engine.js';
import { recordIds } from '../matcher/match-sbom.js';
import type { AdvisoryLookup } from '../matcher/matcher-types.js';
import type { Sbom } from '../sbom/model.js';

export interface Explanation {
  vulnerabilityId: string;
  /** Every advisory evaluated against a package of the image, affected or not. */
  evaluations: Evaluation[];
  /** Whether the database knows the id at all (as an id or an alias). */
  known: boolean;
}

export function explainVulnerability(
  sbom: Sbom,
  store: AdvisoryLookup & Partial<Pick<AdvisoryStore, 'get'>>,
  vulnerabilityId: string,
): Explanation {
  const wanted = vulnerabilityId.trim();
  const engine = new MatchEngine(store);
  const evaluations: Evaluation[] = [];
  for (const pkg of sbom.packages) {
    evaluations.push(...engine.evaluate(pkg, sbom.os, (record) => recordIds(record).includes(wanted)));
  }
  return {
    vulnerabilityId: wanted,
    evaluations,
    known: evaluations.length > 0 || store.get?.(wanted) !== undefined,
  };
}
