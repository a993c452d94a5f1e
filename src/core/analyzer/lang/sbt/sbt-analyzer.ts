import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parseSbtLock } from './parse-sbt-lock.js';

/** sbt-dependency-lock's `build.sbt.lock`, beside the project's build.sbt. */
function kindOf(path: string): 'lock' | undefined {
  return path === 'build.sbt.lock' || path.endsWith('/build.sbt.lock') ? 'lock' : undefined;
}

export const sbtAnalyzer = defineFileAnalyzer({
  name: 'lang/sbt',
  version: 1,
  maxFileSize: 32 * 1024 * 1024,
  kindOf,
  parsers: { lock: parseSbtLock },
});
