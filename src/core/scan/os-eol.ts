/**
 * End-of-life dates of OS releases: after it, a release gets no security fixes and its
 * advisory feed goes quiet, so "no findings" on it says little. Dates are the end of the
 * vendor's last free security support (Debian LTS, Ubuntu standard support, Alpine
 * branch end, RHEL maintenance end), as the vendors publish them; update when they move.
 */
import type { OSFamily, OSInfo } from '../sbom/model.js';

const eolDates: Partial<Record<OSFamily, Record<string, string>>> = {
  debian: {
    '7': '2018-05-31',
    '8': '2020-06-30',
    '9': '2022-06-30',
    '10': '2024-06-30',
    '11': '2026-08-31',
    '12': '2028-06-30',
  },
  ubuntu: {
    '14.04': '2019-04-30',
    '16.04': '2021-04-30',
    '18.04': '2023-05-31',
    '19.10': '2020-07-17',
    '20.04': '2025-05-31',
    '20.10': '2021-07-22',
    '21.04': '2022-01-20',
    '21.10': '2022-07-14',
    '22.04': '2027-06-01',
    '22.10': '2023-07-20',
    '23.04': '2024-01-25',
    '23.10': '2024-07-11',
    '24.04': '2029-05-31',
    '24.10': '2025-07-10',
  },
  alpine: {
    '3.10': '2021-05-01',
    '3.11': '2021-11-01',
    '3.12': '2022-05-01',
    '3.13': '2022-11-01',
    '3.14': '2023-05-01',
    '3.15': '2023-11-01',
    '3.16': '2024-05-23',
    '3.17': '2024-11-22',
    '3.18': '2025-05-09',
    '3.19': '2025-11-01',
    '3.20': '2026-04-01',
    '3.21': '2026-11-01',
  },
  rhel: { '6': '2020-11-30', '7': '2024-06-30', '8': '2029-05-31', '9': '2032-05-31' },
  centos: { '6': '2020-11-30', '7': '2024-06-30', '8': '2021-12-31' },
  rocky: { '8': '2029-05-31', '9': '2032-05-31' },
  almalinux: { '8': '2029-03-01', '9': '2032-05-31' },
};

/** The table's key for a version: Debian and RHEL-likes by major, Alpine by major.minor. */
function releaseKey(os: OSInfo): string | undefined {
  const parts = os.version.split('.');
  if (os.family === 'alpine' || os.family === 'ubuntu')
    return parts.length >= 2 ? `${parts[0]}.${parts[1]}` : undefined;
  return parts[0] || undefined;
}

/** The release's end-of-life date when it has passed by `now`, else undefined. */
export function endOfLife(os: OSInfo | undefined, now: Date): string | undefined {
  if (!os) return undefined;
  const key = releaseKey(os);
  if (!key) return undefined;
  const table = eolDates[os.family];
  const date = table?.[key];
  if (date) return Date.parse(`${date}T23:59:59Z`) < now.getTime() ? date : undefined;
  // Alpine branches older than the table ended before its first entry.
  if (os.family === 'alpine' && /^3\.\d$/.test(key)) return 'before 2021-05-01';
  return undefined;
}
