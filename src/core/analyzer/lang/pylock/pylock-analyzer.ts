import { defineFileAnalyzer } from '../../define-file-analyzer.js';
import { parsePylock } from './parse-pylock.js';

/** `pylock.toml` or `pylock.<name>.toml` (PEP 751 names), outside installed packages. */
function kindOf(path: string): 'pylock' | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (!base.startsWith('pylock.') || !base.endsWith('.toml')) return undefined;
  if (path.includes('site-packages/') || path.includes('dist-packages/')) return undefined;
  return 'pylock';
}

export const pylockAnalyzer = defineFileAnalyzer({
  name: 'lang/pylock',
  version: 1,
  maxFileSize: 64 * 1024 * 1024,
  kindOf,
  parsers: { pylock: parsePylock },
});
