/**
 * `.bulwarkignore.yaml`: accepted risks, each with a reason and optionally an expiry.
 *
 * ```yaml
 * ignore:
 *   - id: CVE-2023-4911          # or any alias (GHSA-…, DSA-…)
 *     package: glibc             # optional: package name, source name or purl
 *     reason: not reachable, no setuid binaries in this image
 *     expires: 2025-06-30        # optional: ignored through that day (UTC), then it applies again
 * ```
 */

import { BulwarkError } from '../errors.js';
import type { Finding } from '../matcher/types.js';
import { parseYaml } from './lazy-yaml.js';
import { purlMatches } from './purl-match.js';

export interface IgnoreRule {
  id: string;
  package?: string;
  /** Only findings in packages found at one of these paths (Trivy's `paths`), when set. */
  paths?: string[];
  reason: string;
  /** The text as written, and the first instant the rule no longer applies. */
  expires?: string;
  expiresAt?: Date;
}

export function expiryInstant(text: string): Date | undefined {
  // A bare date means "through that day": the rule lapses at the next midnight UTC.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : new Date(text);
  if (Number.isNaN(date.getTime())) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

function fail(path: string, message: string): never {
  throw new BulwarkError('INPUT_INVALID', `${path}: ${message}`);
}

export function parseIgnoreFile(text: string, path: string): IgnoreRule[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    fail(path, `not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return [];
  // Content of any other shape is an error: "0 suppressed" from a file that was meant to suppress is a lie.
  if (typeof doc !== 'object' || (!Array.isArray(doc) && !('ignore' in doc))) {
    fail(path, 'not a Bulwark ignore file (expected a top-level `ignore:` list; see docs/ignore-files.md)');
  }
  const list = Array.isArray(doc) ? doc : (doc as { ignore?: unknown }).ignore;
  if (list === null) return [];
  if (!Array.isArray(list)) fail(path, '`ignore` must be a list of entries');
  return list.map((entry: unknown, index): IgnoreRule => {
    const where = `entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null) fail(path, `${where} is not a mapping`);
    const { id, package: pkg, reason, expires } = entry as Record<string, unknown>;
    if (typeof id !== 'string' || id.trim() === '') fail(path, `${where} has no \`id\``);
    if (typeof reason !== 'string' || reason.trim() === '') fail(path, `${where} (${id}) has no \`reason\``);
    if (pkg !== undefined && typeof pkg !== 'string')
      fail(path, `${where} (${id}): \`package\` must be a string`);
    const rule: IgnoreRule = { id: id.trim(), reason: reason.trim(), ...(pkg ? { package: pkg } : {}) };
    if (expires !== undefined) {
      const textValue = expires instanceof Date ? expires.toISOString().slice(0, 10) : String(expires);
      const at = expiryInstant(textValue);
      if (!at) fail(path, `${where} (${id}): \`expires\` is not a date: ${textValue}`);
      rule.expires = textValue;
      rule.expiresAt = at;
    }
    return rule;
  });
}

export function ignoreRuleMatches(rule: IgnoreRule, finding: Finding): boolean {
  if (rule.id !== finding.id && !finding.aliases.includes(rule.id)) return false;
  const pkg = finding.package;
  if (rule.paths && !rule.paths.some((p) => p.replace(/^\/+/, '') === pkg.location.path)) return false;
  if (!rule.package) return true;
  return (
    rule.package === pkg.name ||
    rule.package === pkg.source?.name ||
    (rule.package.startsWith('pkg:') && purlMatches(rule.package, pkg.purl))
  );
}
