import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { type MsbuildKind, parseMsbuild } from './parse-msbuild.js';

function kindOf(path: string): MsbuildKind | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'packages.config') return 'packages.config';
  if (base === 'Directory.Packages.props') return 'central';
  if (base.endsWith('.csproj') || base.endsWith('.fsproj') || base.endsWith('.vbproj')) return 'project';
  return undefined;
}

export const msbuildAnalyzer = defineFileAnalyzer<MsbuildKind>({
  name: 'lang/msbuild',
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: {
    'packages.config': (text, path) => parseMsbuild('packages.config', text, path),
    project: (text, path) => parseMsbuild('project', text, path),
    central: (text, path) => parseMsbuild('central', text, path),
  },
});
