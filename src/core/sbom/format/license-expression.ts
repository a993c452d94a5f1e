import { shortHash } from './ids.js';
import { canonicalSpdxId } from './spdx-license-ids.js';

/**
 * Package metadata holds licenses as free text: SPDX ids (`MIT`), expressions
 * (`MIT OR Apache-2.0`) and names (`GPL-2+`, `BSD-like`). SBOM formats want to know
 * which is which: CycloneDX splits id / name / expression, SPDX only takes valid
 * expressions and needs a LicenseRef for everything else.
 */
export type LicenseKind =
  | { kind: 'id'; id: string }
  | { kind: 'expression'; expression: string }
  | { kind: 'name'; name: string };

const licenseRefPattern = /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;

function tokenize(text: string): string[] {
  return text
    .replace(/([()])/g, ' $1 ')
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/** Recursive-descent check of the SPDX expression grammar; returns the canonical text or undefined. */
function canonicalExpression(tokens: string[]): string | undefined {
  let pos = 0;
  const out: string[] = [];

  function licenseAtom(): boolean {
    const tok = tokens[pos];
    if (tok === undefined) return false;
    if (licenseRefPattern.test(tok)) {
      out.push(tok);
      pos++;
      return true;
    }
    // Deprecated ids such as `GPL-2.0+` are list entries themselves; else `+` is the or-later operator.
    const whole = canonicalSpdxId(tok);
    const plus = !whole && tok.endsWith('+');
    const id = whole ?? canonicalSpdxId(plus ? tok.slice(0, -1) : tok);
    if (!id) return false;
    out.push(plus ? `${id}+` : id);
    pos++;
    return true;
  }

  function term(): boolean {
    if (tokens[pos] === '(') {
      out.push('(');
      pos++;
      if (!expr() || tokens[pos] !== ')') return false;
      out.push(')');
      pos++;
      return true;
    }
    if (!licenseAtom()) return false;
    if (tokens[pos] === 'WITH') {
      out.push('WITH');
      pos++;
      const exception = canonicalSpdxId(tokens[pos] ?? '');
      if (!exception) return false;
      out.push(exception);
      pos++;
    }
    return true;
  }

  function expr(): boolean {
    if (!term()) return false;
    while (tokens[pos] === 'AND' || tokens[pos] === 'OR') {
      out.push(tokens[pos] ?? '');
      pos++;
      if (!term()) return false;
    }
    return true;
  }

  if (!expr() || pos !== tokens.length) return undefined;
  return out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

export function classifyLicense(text: string): LicenseKind {
  const trimmed = text.trim();
  const tokens = tokenize(trimmed);
  const canonical = tokens.length > 0 ? canonicalExpression(tokens) : undefined;
  if (canonical === undefined) return { kind: 'name', name: trimmed };
  const single = tokens.length === 1 && canonicalSpdxId(canonical) === canonical;
  return single ? { kind: 'id', id: canonical } : { kind: 'expression', expression: canonical };
}

/** Collects LicenseRef-… ids made up for non-SPDX license names, one per distinct name. */
export class LicenseRefs {
  private readonly byName = new Map<string, string>();
  private readonly used = new Set<string>();

  refFor(name: string): string {
    const known = this.byName.get(name);
    if (known) return known;
    // `+` (or later) is meaningful in Debian license names: keep it visible, not folded away.
    const base =
      name
        .replace(/\+/g, '-plus')
        .replace(/[^A-Za-z0-9.-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'unnamed';
    let id = `LicenseRef-${base}`;
    if (this.used.has(id)) id = `${id}-${shortHash(name, 8)}`;
    this.used.add(id);
    this.byName.set(name, id);
    return id;
  }

  entries(): { licenseId: string; name: string }[] {
    return [...this.byName].map(([name, licenseId]) => ({ licenseId, name }));
  }
}

/**
 * One valid SPDX expression for a package's licenses: ids and expressions as they
 * are, names replaced by LicenseRefs registered in `refs`; NOASSERTION when none.
 */
export function spdxExpressionFor(licenses: readonly string[] | undefined, refs: LicenseRefs): string {
  const parts: string[] = [];
  for (const text of licenses ?? []) {
    if (!text.trim()) continue;
    const k = classifyLicense(text);
    const part = k.kind === 'id' ? k.id : k.kind === 'expression' ? k.expression : refs.refFor(k.name);
    if (!parts.includes(part)) parts.push(part);
  }
  if (parts.length === 0) return 'NOASSERTION';
  if (parts.length === 1) return parts[0] ?? 'NOASSERTION';
  return parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' AND ');
}
