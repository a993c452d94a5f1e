/**
 * OpenVEX 0.2.0 input (https://github.com/openvex/spec): statements saying a product is
 * `not_affected` by, or has `fixed`, a vulnerability suppress the matching findings.
 * `affected` and `under_investigation` change nothing. When several statements speak to
 * the same finding the latest (by timestamp, then document order) wins, as the spec says.
 */
import { BulwarkError } from '../errors.js';
import type { Finding } from '../matcher/types.js';
import type { ImageDescription, OSInfo, Package } from '../sbom/model.js';
import { purlFor } from '../sbom/purl.js';
import { purlMatches } from './purl-match.js';

/** What a statement's products are checked against: the image and what it contains. */
export interface VexScope {
  image?: ImageDescription;
  os?: OSInfo;
  /** The image's packages: a product purl naming one of them scopes its subcomponents. */
  packages?: readonly Package[];
}

export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

export interface VexStatement {
  /** Vulnerability name plus aliases. */
  vulnerabilities: string[];
  /** Product ids; each with its subcomponent ids. */
  products: { id: string; subcomponents: string[] }[];
  status: VexStatus;
  justification?: string;
  impactStatement?: string;
  timestamp?: string;
  /** Document order, the tie-breaker. */
  order: number;
}

const statuses: readonly VexStatus[] = ['not_affected', 'affected', 'fixed', 'under_investigation'];

function fail(path: string, message: string): never {
  throw new BulwarkError('INPUT_INVALID', `${path}: ${message}`);
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const id = (value as Record<string, unknown>)['@id'];
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

export function parseOpenVex(text: string, path: string): VexStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    fail(path, `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null) fail(path, 'not an OpenVEX document');
  const { statements, timestamp: docTimestamp } = doc as Record<string, unknown>;
  const context = (doc as Record<string, unknown>)['@context'];
  if (typeof context !== 'string' || !context.startsWith('https://openvex.dev/ns')) {
    fail(path, 'not an OpenVEX document (no https://openvex.dev/ns @context)');
  }
  if (!Array.isArray(statements)) fail(path, '`statements` must be a list');
  return statements.map((raw: unknown, index): VexStatement => {
    const where = `statement ${index + 1}`;
    if (typeof raw !== 'object' || raw === null) fail(path, `${where} is not an object`);
    const s = raw as Record<string, unknown>;
    const vuln = s.vulnerability as Record<string, unknown> | undefined;
    const name = typeof vuln?.name === 'string' ? vuln.name : idOf(vuln);
    if (!name) fail(path, `${where} has no vulnerability name`);
    const aliases = Array.isArray(vuln?.aliases)
      ? vuln.aliases.filter((a): a is string => typeof a === 'string')
      : [];
    const status = s.status as VexStatus;
    if (!statuses.includes(status))
      fail(path, `${where} (${name}) has an unknown status: ${String(s.status)}`);
    if (!Array.isArray(s.products) || s.products.length === 0)
      fail(path, `${where} (${name}) names no products`);
    const products = s.products.map((product: unknown) => {
      const id = idOf(product);
      if (!id) fail(path, `${where} (${name}) has a product without @id`);
      const subs = (product as Record<string, unknown>).subcomponents;
      const subcomponents = Array.isArray(subs)
        ? subs.map(idOf).filter((v): v is string => v !== undefined)
        : [];
      return { id, subcomponents };
    });
    const timestamp = typeof s.timestamp === 'string' ? s.timestamp : (docTimestamp as string | undefined);
    return {
      vulnerabilities: [name, ...aliases],
      products,
      status,
      ...(typeof s.justification === 'string' ? { justification: s.justification } : {}),
      ...(typeof s.impact_statement === 'string' ? { impactStatement: s.impact_statement } : {}),
      ...(timestamp ? { timestamp } : {}),
      order: index,
    };
  });
}

/** True when a product id names the scanned image itself (ref, id, digest or a pkg:oci purl of it). */
function namesImage(id: string, image: ImageDescription | undefined): boolean {
  if (!image) return false;
  const digests = [image.imageId, image.manifestDigest, ...image.repoDigests.map((d) => d.split('@')[1])];
  if (id === image.ref || image.repoTags.includes(id) || image.repoDigests.includes(id)) return true;
  if (digests.includes(id)) return true;
  const ociDigest = /^pkg:oci\/[^@?]+@([^?#]+)/.exec(id)?.[1];
  return ociDigest !== undefined && digests.includes(decodeURIComponent(ociDigest));
}

/** A package's purl as reports show it: the applier's, else one built from the package. */
function purlOf(pkg: Package, os: OSInfo | undefined): string | undefined {
  return pkg.purl ?? purlFor(pkg, os);
}

/** True when a product id is a purl naming a package present in the image. */
function namesImagePackage(id: string, scope: VexScope): boolean {
  if (!id.startsWith('pkg:') || id.startsWith('pkg:oci/')) return false;
  return (scope.packages ?? []).some((pkg) => purlMatches(id, purlOf(pkg, scope.os)));
}

function appliesTo(statement: VexStatement, finding: Finding, scope: VexScope): boolean {
  const ids = [finding.id, ...finding.aliases];
  if (!statement.vulnerabilities.some((v) => ids.includes(v))) return false;
  const purl = purlOf(finding.package, scope.os);
  const { image } = scope;
  return statement.products.some((product) => {
    // A product naming the package itself applies, subcomponents or not.
    if (purlMatches(product.id, purl)) return true;
    if (product.subcomponents.length > 0) {
      const productOk =
        namesImage(product.id, image) ||
        product.id.startsWith('pkg:oci/') ||
        !image ||
        namesImagePackage(product.id, scope);
      return productOk && product.subcomponents.some((sub) => purlMatches(sub, purl));
    }
    return namesImage(product.id, image);
  });
}

/** The statement that decides this finding, if any (latest wins). */
export function vexFor(
  statements: readonly VexStatement[],
  finding: Finding,
  scope: VexScope = {},
): VexStatement | undefined {
  let winner: VexStatement | undefined;
  for (const statement of statements) {
    if (!appliesTo(statement, finding, scope)) continue;
    if (!winner) {
      winner = statement;
      continue;
    }
    const a = Date.parse(winner.timestamp ?? '') || 0;
    const b = Date.parse(statement.timestamp ?? '') || 0;
    if (b > a || (b === a && statement.order > winner.order)) winner = statement;
  }
  return winner;
}

export function vexReason(statement: VexStatement): string {
  const detail = [statement.justification, statement.impactStatement].filter(Boolean).join(': ');
  return `VEX ${statement.status}${detail ? ` (${detail})` : ''}`;
}
