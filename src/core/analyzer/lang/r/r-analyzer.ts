import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parseRenvLock } from './parse-renv-lock.js';

/** A project's renv.lock; not those inside renv's own library cache. */
function kindOf(path: string): 'renv.lock' | undefined {
  if (path !== 'renv.lock' && !path.endsWith('/renv.lock')) return undefined;
  return path.includes('renv/library/') ? undefined : 'renv.lock';
}

export const rAnalyzer = defineFileAnalyzer({
  name: 'lang/r',
  // 2: Bioconductor packages reported (type bioconductor), no longer an unknown.
  version: 2,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { 'renv.lock': parseRenvLock },
});
