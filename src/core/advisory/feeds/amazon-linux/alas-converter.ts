import type { FeedConverter } from '../feed-types.js';
import { convertUpdateinfo } from '../updateinfo-xml.js';

/** Advisory id prefix and web folder of each release (`ALAS2-2023-2050` on /AL2/). */
const releases: Record<string, { prefix: string; folder: string }> = {
  '2': { prefix: 'ALAS2-', folder: 'AL2' },
  '2023': { prefix: 'ALAS2023-', folder: 'AL2023' },
};

/**
 * Amazon Linux Security Advisories from a release's repository `updateinfo.xml`
 * (repodata, often `.xml.gz`). The file does not name its release, so the feed id does:
 * `amazon-linux-2`, `amazon-linux-2023`. Records go to `Amazon Linux:<release>`, which is
 * what the matcher asks for an image whose os-release says ID=amzn, VERSION_ID=<release>.
 */
export const amazonLinuxFeed: FeedConverter = {
  name: 'amazon-linux',
  vendor: 'Amazon Linux (ALAS)',
  family: 'Amazon Linux',
  format: 'yum `updateinfo.xml` of the release repository (`.xml` or `.xml.gz`)',
  releases: Object.keys(releases),
  releaseRequired: true,
  convert(text, release) {
    const known = release ? releases[release] : undefined;
    if (!release || !known) throw new Error(`Amazon Linux release "${release ?? ''}" is not 2 or 2023`);
    return convertUpdateinfo(text, {
      ecosystem: `Amazon Linux:${release}`,
      idPattern: new RegExp(`^${known.prefix}\\d{4}-\\d+$`),
      advisoryUrl: (id) => `https://alas.aws.amazon.com/${known.folder}/${id}.html`,
    });
  },
};
