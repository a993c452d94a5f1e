import type { ParseResult } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * An installed gem's specification, as RubyGems writes it (`Gem::Specification#to_ruby`):
 *
 *   s.name = "rack".freeze            # older RubyGems: %q{rack}
 *   s.version = "2.2.22"
 *   s.licenses = ["MIT".freeze]       # or s.license = "MIT"
 *
 * Read textually, never evaluated: the file is Ruby code from an untrusted image.
 */
export function parseGemspec(text: string, path: string): ParseResult {
  let name: string | undefined;
  let version: string | undefined;
  let licenses: string[] | undefined;
  for (const line of text.split('\n')) {
    const assignment = /^\s*\w+\.(name|version|licenses?)\s*=\s*(.*)$/.exec(line);
    if (!assignment) continue;
    const [, field, value] = assignment as unknown as [string, string, string];
    const strings = rubyStrings(value);
    if (field === 'name') name ??= strings[0];
    else if (field === 'version') version ??= strings[0];
    else licenses ??= strings;
  }
  if (!name || !version) {
    return {
      packages: [],
      unknowns: [{ path, reason: `not a gem specification: no ${name ? 'version' : 'name'}` }],
    };
  }
  const pkg: FoundPackage = { type: 'gem', name, version };
  if (licenses && licenses.length > 0) pkg.licenses = licenses;
  return { packages: [pkg], unknowns: [] };
}

/** The string literals of one line of Ruby: "x", 'x', %q{x}; `.freeze` and `Gem::Version.new(…)` pass through. */
function rubyStrings(value: string): string[] {
  const found: string[] = [];
  const literal = /"([^"\\]*)"|'([^'\\]*)'|%q\{([^}]*)\}/g;
  for (let m = literal.exec(value); m; m = literal.exec(value)) found.push((m[1] ?? m[2] ?? m[3])!);
  return found;
}
