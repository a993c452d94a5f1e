import type { Analyzer } from '../../types.js';
import { parseDpkgStatus } from './parse-dpkg-status.js';

const statusPath = 'var/lib/dpkg/status';
const statusDir = 'var/lib/dpkg/status.d/';
const infoDir = 'var/lib/dpkg/info/';

/** `.list` (full images) and `.md5sums` (distroless status.d) name the files a package installed. */
function ownedFromList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== '/.')
    .map((line) => line.replace(/^\/+/, ''));
}

function ownedFromMd5sums(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/, 2)[1])
    .filter((p): p is string => p !== undefined && p !== '')
    .map((p) => p.replace(/^\/+/, ''));
}

export const dpkgAnalyzer = {
  name: 'pkg/dpkg',
  // 2: status paragraphs without Status are not installed; bad-syntax versions are unknowns.
  version: 2,
  maxFileSize: 256 * 1024 * 1024,
  wants: ({ path }) =>
    path === statusPath ||
    (path.startsWith(statusDir) && !path.includes('/', statusDir.length)) ||
    (path.startsWith(infoDir) && path.endsWith('.list') && !path.includes('/', infoDir.length)),
  analyze({ path, content }) {
    const text = content.toString('utf8');
    if (path.startsWith(infoDir)) return { ownedFiles: ownedFromList(text) };
    if (path.startsWith(statusDir) && path.endsWith('.md5sums'))
      return { ownedFiles: ownedFromMd5sums(text) };
    // Only distroless status.d/ entries may lack a Status field and still be installed.
    return parseDpkgStatus(text, path, { statusRequired: path === statusPath });
  },
} satisfies Analyzer;
