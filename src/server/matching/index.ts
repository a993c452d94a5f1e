/** Server-side matching: what ingest, jobs and routes use. */
export { AdvisorySource, serverVulnDbPath } from './advisory-source.js';
export { type MatchAssetResult, type MatchContext, matchAsset } from './match-asset.js';
export { packageFromRow, type SoftwareColumns, softwareColumns } from './package-row.js';
export { type RematchResult, rematchInventory } from './rematch.js';
