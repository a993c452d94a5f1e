import type { FeedConverter } from '../feed-types.js';
import { convertUpdateinfo } from '../updateinfo-xml.js';

/**
 * Bottlerocket Security Advisories (BRSA) from the project's `updateinfo.xml`. One feed
 * covers every Bottlerocket release, so records go to the bare `Bottlerocket` ecosystem.
 * Bottlerocket hosts keep no rpm database, so no matcher asks for these records yet: they
 * serve `explain`, `db status` and SBOMs that list Bottlerocket packages by purl.
 */
export const bottlerocketFeed: FeedConverter = {
  name: 'bottlerocket',
  vendor: 'Bottlerocket (BRSA)',
  family: 'Bottlerocket',
  format: 'yum `updateinfo.xml` published with the advisories (`.xml` or `.xml.gz`)',
  releases: [],
  releaseRequired: false,
  convert(text) {
    return convertUpdateinfo(text, { ecosystem: 'Bottlerocket', idPattern: /^BRSA-[0-9a-z]+$/ });
  },
};
