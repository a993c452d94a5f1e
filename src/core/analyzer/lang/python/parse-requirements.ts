import { maxEntriesPerFile, type ParseResult, stripBom, tooManyEntries } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { normalizePythonName } from './python-paths.js';

/**
 * `requirements*.txt`: only PINNED requirements (`name==1.2.3`, `name[extra]===1.2.3`) say what
 * is installed; ranges, URLs, editable installs, `-r`/`-c` includes and options are not
 * packages. Environment markers (`; python_version < "3.8"`), trailing `--hash=` options and
 * comments are dropped. Backslash continuations are joined first, as pip does.
 */
export function parseRequirements(text: string, path: string): ParseResult {
  const result: ParseResult = { packages: [], unknowns: [] };
  const lines = stripBom(text).split('\n');
  if (text.includes('\u0000'))
    return { packages: [], unknowns: [{ path, reason: 'binary content, not a requirements file' }] };
  let pending = '';
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const found = pinned(pending + line);
    pending = '';
    if (!found) continue;
    if (result.packages.length >= maxEntriesPerFile) {
      result.unknowns.push(tooManyEntries(path, `more than ${maxEntriesPerFile}`));
      break;
    }
    result.packages.push(found);
  }
  return result;
}

// One requirement: name, optional [extras], `==` or `===`, a version with no wildcard.
// Each part is a bounded character class, so matching is linear in the line length.
const requirement =
  /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)$/;

function pinned(line: string): FoundPackage | undefined {
  let text = line;
  const hash = text.search(/(^|\s)#/);
  if (hash >= 0) text = text.slice(0, hash);
  const marker = text.indexOf(';');
  if (marker >= 0) text = text.slice(0, marker);
  const option = text.search(/\s--?[a-z]/);
  if (option >= 0) text = text.slice(0, option);
  text = text.trim();
  if (text === '' || text.startsWith('-')) return undefined;
  const match = requirement.exec(text);
  if (!match) return undefined;
  return { type: 'pypi', name: normalizePythonName(match[1]!), version: match[2]! };
}
