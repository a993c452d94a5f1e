import type { Analyzer } from '../types.js';
import { parseOsRelease, parseReleaseLine } from './parse-os-release.js';

/** Files that name the distribution, in the order `pickOS` trusts them. */
export const osReleasePaths = [
  'etc/os-release',
  'usr/lib/os-release',
  'etc/alpine-release',
  'etc/debian_version',
  'etc/redhat-release',
  'etc/centos-release',
  'etc/rocky-release',
  'etc/almalinux-release',
  'etc/fedora-release',
  'etc/oracle-release',
  'etc/system-release',
] as const;

const wanted = new Set<string>(osReleasePaths);

export const osReleaseAnalyzer = {
  name: 'os/release',
  version: 1,
  maxFileSize: 64 * 1024,
  wants: (info) => wanted.has(info.path),
  analyze({ path, content }) {
    const text = content.toString('utf8');
    if (path.endsWith('os-release')) {
      const os = parseOsRelease(text);
      return os ? { os } : { unknowns: [{ path, reason: 'os-release has no ID field' }] };
    }
    if (path === 'etc/alpine-release') {
      return { os: { family: 'alpine', version: text.trim(), name: `Alpine Linux v${text.trim()}` } };
    }
    if (path === 'etc/debian_version') {
      // `12.8` on releases, `trixie/sid` on testing: only a number is a version.
      const value = text.trim();
      const version = /^\d+(\.\d+)*$/.test(value) ? (value.split('.')[0] ?? '') : '';
      return { os: { family: 'debian', version, name: `Debian ${value}` } };
    }
    const os = parseReleaseLine(text);
    return os ? { os } : {};
  },
} satisfies Analyzer;
