import { defineFileAnalyzer, lockfileDir } from '../../define-file-analyzer.js';
import type { ParseResult } from '../../parse-result.js';
import { parseComposerLock, parseInstalledJson } from './parse-composer.js';
import { type PhpFileKind, phpFileKind } from './php-paths.js';

const parsers: Record<PhpFileKind, (text: string, path: string) => ParseResult> = {
  'installed-json': parseInstalledJson,
  'composer-lock': parseComposerLock,
};

/** PHP Composer packages: what vendor/composer/installed.json says is installed, and composer.lock. */
export const phpAnalyzer = defineFileAnalyzer({
  name: 'lang/php',
  // 2: composer.lock packages fold into vendor/composer/installed.json beside them.
  // 3: installed.json in any `<vendor-dir>/composer/`, not only `vendor/composer/`.
  version: 3,
  maxFileSize: 64 * 1024 * 1024,
  kindOf: phpFileKind,
  parsers,
  declaredFor: { 'composer-lock': lockfileDir },
});
