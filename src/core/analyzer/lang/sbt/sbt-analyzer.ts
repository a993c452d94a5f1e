import { defineFileAnalyzer, fileNamed } from '../../define-file-analyzer.js';
import { parseSbtLock } from './parse-sbt-lock.js';

/** sbt-dependency-lock's `build.sbt.lock`, beside the project's build.sbt. */
const kindOf = fileNamed('build.sbt.lock', 'lock');

export const sbtAnalyzer = defineFileAnalyzer({
  name: 'lang/sbt',
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  kindOf,
  parsers: { lock: parseSbtLock },
});
