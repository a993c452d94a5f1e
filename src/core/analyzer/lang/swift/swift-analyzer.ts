import { defineFileAnalyzer, fileNamed } from '../../define-file-analyzer.js';
import { parsePackageResolved } from './parse-package-resolved.js';

/** A project's Package.resolved (also inside `*.xcodeproj`/`*.xcworkspace`); not SwiftPM's checkouts. */
const kindOf = fileNamed('Package.resolved', 'resolved', '.build/checkouts/');

export const swiftAnalyzer = defineFileAnalyzer({
  name: 'lang/swift',
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { resolved: parsePackageResolved },
});
