/** Which Composer file a path is, decided with plain string checks (wants() runs on every file). */
export type PhpFileKind = 'installed-json' | 'composer-lock';

export function phpFileKind(path: string): PhpFileKind | undefined {
  // Composer writes `<vendor-dir>/composer/installed.json`; `vendor-dir` is `vendor` unless the
  // project's composer.json says otherwise (`lib/vendor`, `deps`), at any depth.
  if (path.endsWith('/composer/installed.json') && path.length > '/composer/installed.json'.length) {
    return 'installed-json';
  }
  if (path === 'composer.lock' || path.endsWith('/composer.lock')) {
    // A composer.lock inside vendor/ is a dependency's own development lock, not what is installed.
    return path.startsWith('vendor/') || path.includes('/vendor/') ? undefined : 'composer-lock';
  }
  return undefined;
}
