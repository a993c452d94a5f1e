import { defineFileAnalyzer, fileNamed } from '../../define-file-analyzer.js';
import { parsePubspecLock } from './parse-pubspec-lock.js';

/** A project's pubspec.lock; those inside the pub cache (`.pub-cache/`) belong to dependencies. */
const kindOf = fileNamed('pubspec.lock', 'pubspec.lock', '.pub-cache/');

export const pubAnalyzer = defineFileAnalyzer({
  name: 'lang/pub',
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { 'pubspec.lock': parsePubspecLock },
});
