import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parseJuliaManifest } from './parse-julia-manifest.js';

/** `Manifest.toml` and `Manifest-v1.x.toml` of a project; not those inside the depot's packages. */
function kindOf(path: string): 'manifest' | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base !== 'Manifest.toml' && !(base.startsWith('Manifest-v') && base.endsWith('.toml')))
    return undefined;
  return path.includes('.julia/packages/') ? undefined : 'manifest';
}

export const juliaAnalyzer = defineFileAnalyzer({
  name: 'lang/julia',
  version: 1,
  maxFileSize: 16 * 1024 * 1024,
  kindOf,
  parsers: { manifest: parseJuliaManifest },
});
