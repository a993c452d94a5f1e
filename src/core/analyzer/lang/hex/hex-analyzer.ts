import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parseMixLock } from './parse-mix-lock.js';

/** A project's mix.lock; those under `deps/` belong to dependencies. */
function kindOf(path: string): 'mix.lock' | undefined {
  if (path !== 'mix.lock' && !path.endsWith('/mix.lock')) return undefined;
  return path.includes('deps/') ? undefined : 'mix.lock';
}

export const hexAnalyzer = defineFileAnalyzer({
  name: 'lang/hex',
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  kindOf,
  parsers: { 'mix.lock': parseMixLock },
});
