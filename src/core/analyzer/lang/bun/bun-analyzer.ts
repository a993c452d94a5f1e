import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parseBunLock } from './parse-bun-lock.js';

type Kind = 'bun.lock' | 'bun.lockb';

/** Lockfiles inside installed packages are their authors', not the image's. */
function kindOf(path: string): Kind | undefined {
  if (path.includes('node_modules/')) return undefined;
  if (path === 'bun.lock' || path.endsWith('/bun.lock')) return 'bun.lock';
  if (path === 'bun.lockb' || path.endsWith('/bun.lockb')) return 'bun.lockb';
  return undefined;
}

export const bunAnalyzer = defineFileAnalyzer<Kind>({
  name: 'lang/bun',
  version: 1,
  maxFileSize: 64 * 1024 * 1024,
  kindOf,
  parsers: {
    'bun.lock': parseBunLock,
    // bun's binary format is undocumented and changes between releases: say so rather than guess.
    'bun.lockb': (_text, path) => ({
      packages: [],
      unknowns: [
        {
          path,
          reason:
            'bun.lockb (binary lockfile) is not read; run `bun install --save-text-lockfile` to write bun.lock, which is',
        },
      ],
    }),
  },
});
