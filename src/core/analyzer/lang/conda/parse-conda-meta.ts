import { isRecord, type ParseResult, parseJsonValue } from '../../parse-result.js';

/**
 * One installed conda package: `<env>/conda-meta/<name>-<version>-<build>.json`, written by
 * conda (and mamba/micromamba) when it links the package into the environment. `name` and
 * `version` are the package's; `license` is kept. The files it lists are not claimed as
 * owned: a conda-installed Python package also has its `.dist-info`, and PyPI advisories
 * can only reach it through that copy (OSV has no conda ecosystem).
 */
export function parseCondaMeta(text: string, path: string): ParseResult {
  const parsed = parseJsonValue(text, path);
  if ('unknown' in parsed) return { packages: [], unknowns: [parsed.unknown] };
  const doc = parsed.value;
  if (!isRecord(doc)) return { packages: [], unknowns: [{ path, reason: 'not a conda package record' }] };
  const { name, version, license } = doc;
  if (typeof name !== 'string' || !name || typeof version !== 'string' || !version) {
    return { packages: [], unknowns: [{ path, reason: 'conda package record without name and version' }] };
  }
  const licenses = typeof license === 'string' && license.trim() ? [license.trim()] : undefined;
  return { packages: [{ type: 'conda', name, version, ...(licenses ? { licenses } : {}) }], unknowns: [] };
}
