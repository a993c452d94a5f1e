/** Which Ruby file a path is, decided with plain string checks (wants() runs on every file). */
export type RubyFileKind = 'gemspec' | 'gemfile-lock';

export function rubyFileKind(path: string): RubyFileKind | undefined {
  // Installed gems: `<gem home>/specifications/<name>-<version>.gemspec`, including Debian's
  // rubygems-integration folders. A gemspec elsewhere is a source tree, not an installed gem.
  if (path.endsWith('.gemspec')) return path.includes('/specifications/') ? 'gemspec' : undefined;
  if (path === 'Gemfile.lock' || path.endsWith('/Gemfile.lock')) {
    // Installed gems sometimes ship their own development Gemfile.lock under …/gems/<gem>/.
    return path.includes('/gems/') ? undefined : 'gemfile-lock';
  }
  return undefined;
}
