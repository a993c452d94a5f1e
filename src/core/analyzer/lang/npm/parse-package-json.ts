import { type ParseResult, parseJsonObject, stringField } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { npmLicenses } from './npm-license.js';
import { resolvedOrigin } from './npm-origin.js';

/**
 * One installed package: `node_modules/<name>/package.json`. The manifest's own `name` wins
 * over the folder name, so an aliased install (`"x": "npm:real@1"`) reports the real package.
 */
export function parseInstalledPackageJson(text: string, path: string): ParseResult {
  const parsed = parseJsonObject(text, path);
  if ('unknown' in parsed) return { packages: [], unknowns: [parsed.unknown] };
  const manifest = parsed.value;
  const name = stringField(manifest, 'name');
  const version = stringField(manifest, 'version');
  // Private packages without a version (workspace roots copied into node_modules) are not
  // installable artifacts; a manifest without a name is a marker file, not a package.
  if (name === undefined || version === undefined) return { packages: [], unknowns: [] };
  const pkg: FoundPackage = { type: 'npm', name, version };
  const licenses = npmLicenses(manifest);
  if (licenses) pkg.licenses = licenses;
  // npm 6 and older record where an install came from; a git or tarball install is not the registry's.
  const origin = resolvedOrigin(stringField(manifest, '_resolved'));
  if (origin) pkg.origin = origin;
  return { packages: [pkg], unknowns: [] };
}
