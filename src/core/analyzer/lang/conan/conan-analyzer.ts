import { defineFileAnalyzer, fileNamed } from '../../define-file-analyzer.js';
import { parseConanLock } from './parse-conan-lock.js';

/** `conan.lock` (Conan 1 and 2 lockfiles), wherever the project keeps it. */
const kindOf = fileNamed('conan.lock', 'lock');

export const conanAnalyzer = defineFileAnalyzer({
  name: 'lang/conan',
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { lock: parseConanLock },
});
