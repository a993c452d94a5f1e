/**
 * Every vendor feed converter, in one explicit list. Adding a vendor: one folder with a
 * `*-converter.ts`, one line here, its family in ecosystems.ts `vendorFeedFamilies`, a row
 * in scripts/supported-ecosystems-data.ts.
 */
import { BulwarkError } from '../../errors.js';
import { amazonLinuxFeed } from './amazon-linux/alas-converter.js';
import { bottlerocketFeed } from './bottlerocket/brsa-converter.js';
import type { FeedConverter } from './feed-types.js';
import { oracleLinuxFeed } from './oracle-linux/elsa-converter.js';

export const feedConverters = [
  amazonLinuxFeed,
  oracleLinuxFeed,
  bottlerocketFeed,
] as const satisfies readonly FeedConverter[];

export interface FeedSpec {
  /** As typed: `amazon-linux-2`. */
  id: string;
  converter: FeedConverter;
  release?: string;
  /** Directory, file or http(s) URL. */
  location: string;
}

/** `amazon-linux-2=/mirror/al2` → the converter and release; anything else is a usage error. */
export function parseFeedSpec(spec: string): FeedSpec {
  const eq = spec.indexOf('=');
  const id = (eq === -1 ? spec : spec.slice(0, eq)).trim().toLowerCase();
  const location = eq === -1 ? '' : spec.slice(eq + 1).trim();
  const names = feedConverters.map((c) => c.name).join(', ');
  if (!location)
    throw new BulwarkError('USAGE', `--feed "${spec}": expected NAME=DIR|FILE|URL (feeds: ${names})`);
  for (const converter of feedConverters) {
    if (id !== converter.name && !id.startsWith(`${converter.name}-`)) continue;
    const release = id === converter.name ? undefined : id.slice(converter.name.length + 1);
    if (release === undefined && converter.releaseRequired)
      throw new BulwarkError(
        'USAGE',
        `--feed ${id}: name the release (${converter.releases.map((r) => `${converter.name}-${r}`).join(', ')})`,
      );
    if (release !== undefined && !converter.releases.includes(release))
      throw new BulwarkError(
        'USAGE',
        `--feed ${id}: unknown release "${release}" (${converter.releases.join(', ') || 'none: one feed for every release'})`,
      );
    return { id, converter, ...(release ? { release } : {}), location };
  }
  throw new BulwarkError('USAGE', `--feed ${id}: unknown feed (feeds: ${names})`);
}
