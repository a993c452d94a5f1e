import { maxEntriesPerFile, type ParseResult, stripBom, tooManyEntries } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * `Gemfile.lock` as Bundler writes it. Sections start at column 0 (GEM, GIT, PATH, PLATFORMS,
 * DEPENDENCIES, …); inside a source section `  specs:` is followed by resolved gems at exactly
 * four spaces, `name (version)` or `name (version-platform)`, and their own requirements at six.
 *
 *   GEM
 *     remote: https://rubygems.org/
 *     specs:
 *       nokogiri (1.15.5-x86_64-linux)
 *         racc (~> 1.4)
 *
 * Bundler's own rule splits the platform at the first `-` (gem versions never contain one).
 * GEM, GIT and PATH specs are reported; GIT and PATH ones with their origin (the section's
 * `remote:` and `revision:`), since they are not the rubygems.org gem of that name. The same
 * gem locked for several platforms is one package. The lockfile records no groups, so nothing
 * is dev.
 */
export function parseGemfileLock(text: string, path: string): ParseResult {
  const result: ParseResult = { packages: [], unknowns: [] };
  const seen = new Set<string>();
  let section = '';
  let inSpecs = false;
  let sawSection = false;
  let malformed: string | undefined;
  let remote: string | undefined;
  let revision: string | undefined;
  const lines = stripBom(text).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    if (line === '') continue;
    if (line.charCodeAt(0) !== 32) {
      // Section names are upper-case words (GEM, BUNDLED WITH, RUBY VERSION, CHECKSUMS…).
      if (/^[A-Z][A-Z ]*$/.test(line)) sawSection = true;
      else malformed ??= `malformed section header at line ${i + 1}`;
      section = line;
      inSpecs = false;
      remote = undefined;
      revision = undefined;
      continue;
    }
    if (section !== 'GEM' && section !== 'GIT' && section !== 'PATH') continue;
    if (!inSpecs && line.startsWith('  remote: ')) remote = line.slice('  remote: '.length).trim();
    if (!inSpecs && line.startsWith('  revision: ')) revision = line.slice('  revision: '.length).trim();
    if (line === '  specs:') {
      inSpecs = true;
      continue;
    }
    if (!inSpecs || !line.startsWith('    ') || line.startsWith('      ')) continue;
    const spec = /^ {4}([^ (]+) \(([^)]+)\)$/.exec(line);
    if (!spec) {
      malformed ??= `malformed spec at line ${i + 1}`;
      continue;
    }
    const name = spec[1]!;
    const version = spec[2]!.split('-')[0]!;
    const key = `${name}@${version}`;
    if (seen.has(key)) continue;
    if (seen.size >= maxEntriesPerFile) {
      result.unknowns.push(tooManyEntries(path, `more than ${maxEntriesPerFile}`));
      break;
    }
    seen.add(key);
    const pkg: FoundPackage = { type: 'gem', name, version };
    if (section === 'GIT' && remote)
      pkg.origin = { kind: 'git', location: revision ? `${remote}#${revision}` : remote };
    if (section === 'PATH' && remote) pkg.origin = { kind: 'path', location: remote };
    result.packages.push(pkg);
  }
  if (!sawSection) return { packages: [], unknowns: [{ path, reason: 'not a Gemfile.lock: no sections' }] };
  if (malformed) result.unknowns.push({ path, reason: malformed });
  return result;
}
