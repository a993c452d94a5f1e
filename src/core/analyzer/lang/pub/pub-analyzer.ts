import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parsePubspecLock } from './parse-pubspec-lock.js';

/** A project's pubspec.lock; those inside the pub cache (`.pub-cache/`) belong to dependencies. */
function kindOf(path: string): 'pubspec.lock' | undefined {
  if (path !== 'pubspec.lock' && !path.endsWith('/pubspec.lock')) return undefined;
  return path.includes('.pub-cache/') ? undefined : 'pubspec.lock';
}

export const pubAnalyzer = defineFileAnalyzer({
  name: 'lang/pub',
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { 'pubspec.lock': parsePubspecLock },
});
