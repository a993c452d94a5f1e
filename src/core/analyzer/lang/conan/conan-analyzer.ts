import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parseConanLock } from './parse-conan-lock.js';

/** `conan.lock` (Conan 1 and 2 lockfiles), wherever the project keeps it. */
function kindOf(path: string): 'lock' | undefined {
  return path === 'conan.lock' || path.endsWith('/conan.lock') ? 'lock' : undefined;
}

export const conanAnalyzer = defineFileAnalyzer({
  name: 'lang/conan',
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { lock: parseConanLock },
});
