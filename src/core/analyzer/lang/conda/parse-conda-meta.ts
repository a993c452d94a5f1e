import { describeJsonError, isRecord, type ParseResult } from '../../parse-result.js';

/**
 * One installed conda package: `<env>/conda-meta/<name>-<version>-<build>.json`, written by
 * conda (and mamba/micromamba) when it links the package into the environment. `name` and
 * `version` are the package's; `license` is kept. The files it lists are not claimed as
 * owned: a conda-installed Python package also has its `.dist-info`, and PyPI advisories
 * can only reach it through that copy (OSV has no conda ecosystem).
 */
export function parseCondaMeta(text: string, path: string): ParseResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { packages: [], unknowns: [{ path, reason: describeJsonError(err, text) }] };
  }
  if (!isRecord(doc)) return { packages: [], unknowns: [{ path, reason: 'not a conda package record' }] };
  const { name, version, license } = doc;
  if (typeof name !== 'string' || !name || typeof version !== 'string' || !version) {
    return { packages: [], unknowns: [{ path, reason: 'conda package record without name and version' }] };
  }
  const licenses = typeof license === 'string' && license.trim() ? [license.trim()] : undefined;
  return { packages: [{ type: 'conda', name, version, ...(licenses ? { licenses } : {}) }], unknowns: [] };
}
