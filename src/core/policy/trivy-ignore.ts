/**
 * Trivy's ignore files, so a project moving over keeps its accepted risks:
 * `.trivyignore` (one id a line, `exp:YYYY-MM-DD` after it, `#` comments) and
 * `.trivyignore.yaml` (`vulnerabilities:` entries with `id`, `paths`, `purls`,
 * `expired_at`, `statement`). The format is documented in docs/ignore-files.md.
 */

import { BulwarkError } from '../errors.js';
import { expiryInstant, type IgnoreRule } from './ignore-file.js';
import { parseYaml } from './lazy-yaml.js';

function fail(path: string, message: string): never {
  throw new BulwarkError('INPUT_INVALID', `${path}: ${message}`);
}

/** Vulnerability ids as advisories spell them: CVE-…, GHSA-…, DSA-…, GO-…, PYSEC-…, RUSTSEC-…. */
const idPattern = /^[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9._:-]+$/;

function withExpiry(rule: IgnoreRule, text: string, path: string, where: string): IgnoreRule {
  const at = expiryInstant(text);
  if (!at) fail(path, `${where}: expiry is not a date: ${text}`);
  return { ...rule, expires: text, expiresAt: at };
}

export function parseTrivyIgnore(text: string, path: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const where = `line ${index + 1}`;
    const [id, ...fields] = line.split(/\s+/) as [string, ...string[]];
    if (!idPattern.test(id) || id.endsWith(':'))
      fail(path, `${where}: "${id}" is not a vulnerability id (a .trivyignore lists one id a line)`);
    let rule: IgnoreRule = { id, reason: `listed in ${path}` };
    for (const field of fields) {
      if (!field.startsWith('exp:')) fail(path, `${where}: unknown field "${field}" (only exp:YYYY-MM-DD)`);
      rule = withExpiry(rule, field.slice(4), path, where);
    }
    rules.push(rule);
  });
  return rules;
}

const yamlSections = ['vulnerabilities', 'misconfigurations', 'secrets', 'licenses'];

function strings(value: unknown, path: string, where: string, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    fail(path, `${where}: \`${field}\` must be a list of strings`);
  return value as string[];
}

export function parseTrivyIgnoreYaml(text: string, path: string): IgnoreRule[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    fail(path, `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return [];
  if (typeof doc !== 'object' || Array.isArray(doc) || !yamlSections.some((k) => k in doc))
    fail(
      path,
      `not a .trivyignore.yaml (expected one of ${yamlSections.join(', ')}; see docs/ignore-files.md)`,
    );
  const list = (doc as { vulnerabilities?: unknown }).vulnerabilities ?? [];
  if (!Array.isArray(list)) fail(path, '`vulnerabilities` must be a list of entries');
  return list.flatMap((entry: unknown, index): IgnoreRule[] => {
    const where = `vulnerabilities entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null) fail(path, `${where} is not a mapping`);
    const e = entry as Record<string, unknown>;
    if (typeof e.id !== 'string' || e.id.trim() === '') fail(path, `${where} has no \`id\``);
    const paths = strings(e.paths, path, where, 'paths');
    const purls = strings(e.purls, path, where, 'purls');
    const reason =
      typeof e.statement === 'string' && e.statement.trim() ? e.statement.trim() : `listed in ${path}`;
    let base: IgnoreRule = { id: e.id.trim(), reason, ...(paths ? { paths } : {}) };
    if (e.expired_at !== undefined) {
      const textValue =
        e.expired_at instanceof Date ? e.expired_at.toISOString().slice(0, 10) : String(e.expired_at);
      base = withExpiry(base, textValue, path, where);
    }
    return purls ? purls.map((purl) => ({ ...base, package: purl })) : [base];
  });
}
