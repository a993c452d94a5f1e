import { defineFileAnalyzer, fileNamed } from '../../define-file-analyzer.js';
import { parseMixLock } from './parse-mix-lock.js';

/** A project's mix.lock; those under `deps/` belong to dependencies. */
const kindOf = fileNamed('mix.lock', 'mix.lock', 'deps/');

export const hexAnalyzer = defineFileAnalyzer({
  name: 'lang/hex',
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  kindOf,
  parsers: { 'mix.lock': parseMixLock },
});
