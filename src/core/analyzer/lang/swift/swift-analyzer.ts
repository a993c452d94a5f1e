import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parsePackageResolved } from './parse-package-resolved.js';

/** A project's Package.resolved (also inside `*.xcodeproj`/`*.xcworkspace`); not SwiftPM's checkouts. */
function kindOf(path: string): 'resolved' | undefined {
  if (path !== 'Package.resolved' && !path.endsWith('/Package.resolved')) return undefined;
  return path.includes('.build/checkouts/') ? undefined : 'resolved';
}

export const swiftAnalyzer = defineFileAnalyzer({
  name: 'lang/swift',
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { resolved: parsePackageResolved },
});
