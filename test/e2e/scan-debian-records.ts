/**
 * Debian:12 OSV records for the packages the real bookworm image REALLY contains,
 * written relative to the versions dpkg-query reports, so the test stays true when
 * bookworm updates. Ids use the year 2099 so nobody mistakes them for real advisories.
 */
import type { OsvRecord } from '../../src/core/advisory/osv-types.js';

export interface SourceVersions {
  jq: string;
  glibc: string;
  zlib: string;
}

const debian12 = (name: string) => ({
  ecosystem: 'Debian:12',
  name,
  purl: `pkg:deb/debian/${name}?arch=source`,
});

export function scanDebianRecords(v: SourceVersions): OsvRecord[] {
  const jqFixed = `${v.jq}+1`;
  return [
    // Affects jq (binary jq and libjq1): fixed just after the installed version.
    {
      id: 'DSA-9001-1',
      summary: 'jq - security update',
      modified: '2024-01-20T00:00:00Z',
      published: '2024-01-20T00:00:00Z',
      upstream: ['CVE-2099-0001'],
      affected: [
        {
          package: debian12('jq'),
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: jqFixed }] }],
        },
      ],
      references: [{ type: 'ADVISORY', url: 'https://www.debian.org/security/2099/dsa-9001' }],
    },
    {
      id: 'DEBIAN-CVE-2099-0001',
      modified: '2024-01-21T00:00:00Z',
      published: '2024-01-15T00:00:00Z',
      upstream: ['CVE-2099-0001'],
      details: 'Test record: heap overflow in jq string handling.',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
      affected: [
        {
          package: debian12('jq'),
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: jqFixed }] }],
          // Debian's own rating decides for OS packages; the CVSS score stays beside it.
          ecosystem_specific: { urgency: 'high' },
        },
      ],
    },
    // Affects every glibc binary (libc6, libc-bin), no fix yet; only a distro urgency.
    {
      id: 'DEBIAN-CVE-2099-0002',
      modified: '2024-02-01T00:00:00Z',
      published: '2024-02-01T00:00:00Z',
      upstream: ['CVE-2099-0002'],
      details: 'Test record: glibc issue with no fix yet.',
      affected: [
        {
          package: debian12('glibc'),
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }],
          ecosystem_specific: { urgency: 'low' },
        },
      ],
    },
    // Backport-style: fixed (`~1`) just BEFORE the installed zlib; must not match.
    {
      id: 'DEBIAN-CVE-2099-0003',
      modified: '2024-03-01T00:00:00Z',
      published: '2024-03-01T00:00:00Z',
      upstream: ['CVE-2099-0003'],
      details: 'Test record: zlib issue fixed before the installed build.',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [
        {
          package: debian12('zlib'),
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: `${v.zlib}~1` }] }],
        },
      ],
    },
    // Withdrawn: would affect zlib, must not match.
    {
      id: 'DSA-9002-1',
      summary: 'zlib - security update (withdrawn)',
      modified: '2024-03-05T00:00:00Z',
      published: '2024-03-02T00:00:00Z',
      withdrawn: '2024-03-05T00:00:00Z',
      upstream: ['CVE-2099-0004'],
      affected: [
        { package: debian12('zlib'), ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] },
      ],
    },
  ];
}
