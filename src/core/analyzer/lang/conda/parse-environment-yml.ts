import type { ParseResult } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * A conda `environment.yml` (`conda env export` / hand-written): the `dependencies:` list
 * of match specs, and its `pip:` sub-list. Only exact pins are packages: conda
 * `name==1.2.3`, `name=1.2.3=build` (what `conda env export` writes), `channel::` prefixes
 * and the space form `name 1.2.3 build`; pip `name==1.2.3`. Conda reads `name=1.2` as
 * "1.2 or any 1.2.x", so it, a range, a wildcard or no version says nothing exact; such
 * entries are named in one unknown, never given a guessed version.
 * Read line by line: the file is a flat YAML list, and a YAML library would accept far
 * more than conda writes.
 */
export function parseEnvironmentYml(text: string, path: string): ParseResult {
  const packages: FoundPackage[] = [];
  const loose: string[] = [];
  let inDeps = false;
  let depsIndent = -1;
  let pipIndent = -1;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (indent === 0) {
      inDeps = body === 'dependencies:';
      depsIndent = -1;
      pipIndent = -1;
      continue;
    }
    if (!inDeps || !body.startsWith('- ')) continue;
    const item = unquote(body.slice(2).trim());
    if (depsIndent < 0) depsIndent = indent;
    if (pipIndent >= 0 && indent > depsIndent) {
      const pin = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;,]+)$/.exec(item);
      if (pin?.[1] && pin[2] && !pin[2].includes('*'))
        packages.push({ type: 'pypi', name: pin[1], version: pin[2] });
      else loose.push(`pip ${item}`);
      continue;
    }
    pipIndent = -1;
    if (item === 'pip:') {
      pipIndent = indent;
      continue;
    }
    const spec = item.replace(/^[^:\s]+::/, '');
    const exact =
      /^([A-Za-z0-9_][A-Za-z0-9._-]*)\s*==\s*([^=\s<>!~*,|]+)$/.exec(spec) ??
      /^([A-Za-z0-9_][A-Za-z0-9._-]*)=([^=\s<>!~*,|]+)=[^=\s*]+$/.exec(spec) ??
      /^([A-Za-z0-9_][A-Za-z0-9._-]*) +([^=\s<>!~*,|]+) +[^=\s*]+$/.exec(spec);
    if (exact?.[1] && exact[2]) packages.push({ type: 'conda', name: exact[1], version: exact[2] });
    else loose.push(item);
  }
  const unknowns = loose.length
    ? [
        {
          path,
          reason: `${loose.length} dependencies without an exact version (not reported): ${loose.slice(0, 5).join(', ')}${loose.length > 5 ? ', …' : ''}`,
        },
      ]
    : [];
  return { packages, unknowns };
}

function unquote(s: string): string {
  return /^(['"]).*\1$/.test(s) ? s.slice(1, -1) : s;
}
