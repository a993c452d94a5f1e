import { ecosystemFamily } from './ecosystems.js';

/**
 * The form a package name is indexed and looked up under. Analyzers and matchers call
 * this too, so a name found in an image and the same name in an advisory meet.
 *
 * PyPI: PEP 503 (`re.sub(r"[-_.]+", "-", name).lower()`), because pip treats
 * `Jinja2`, `jinja2` and `jw.util`/`jw_util` as the same project. Every other
 * ecosystem compares names exactly as OSV spells them.
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  if (ecosystemFamily(ecosystem) === 'PyPI') return name.replace(/[-_.]+/g, '-').toLowerCase();
  return name;
}
