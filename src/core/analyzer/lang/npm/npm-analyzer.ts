import { defineFileAnalyzer, lockfileDir } from '../../define-file-analyzer.js';
import type { ParseResult } from '../../parse-result.js';
import { npmFileKind } from './npm-paths.js';
import { parseInstalledPackageJson } from './parse-package-json.js';
import { parsePackageLock } from './parse-package-lock.js';
import { parsePnpmLock } from './parse-pnpm-lock.js';
import { parseYarnLock } from './parse-yarn-lock.js';

const parsers: Record<
  NonNullable<ReturnType<typeof npmFileKind>>,
  (text: string, path: string) => ParseResult
> = {
  installed: parseInstalledPackageJson,
  'package-lock': parsePackageLock,
  'yarn-lock': parseYarnLock,
  'pnpm-lock': parsePnpmLock,
};

/**
 * Node.js packages: installed `node_modules/<name>/package.json` manifests and the project's own
 * lockfiles (npm, yarn classic and berry, pnpm). One analyzer, dispatching on the file name.
 */
export const npmAnalyzer = defineFileAnalyzer({
  name: 'lang/npm',
  // 2: lockfile packages say which project they describe, so they fold into node_modules.
  version: 2,
  // Lockfiles of large monorepos reach tens of MB.
  maxFileSize: 64 * 1024 * 1024,
  kindOf: npmFileKind,
  parsers,
  declaredFor: { 'package-lock': lockfileDir, 'yarn-lock': lockfileDir, 'pnpm-lock': lockfileDir },
});
