import { defineFileAnalyzer, fileNamed } from '../../define-file-analyzer.js';
import { parseRenvLock } from './parse-renv-lock.js';

/** A project's renv.lock; not those inside renv's own library cache. */
const kindOf = fileNamed('renv.lock', 'renv.lock', 'renv/library/');

export const rAnalyzer = defineFileAnalyzer({
  name: 'lang/r',
  // 2: Bioconductor packages reported (type bioconductor), no longer an unknown.
  version: 2,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { 'renv.lock': parseRenvLock },
});
