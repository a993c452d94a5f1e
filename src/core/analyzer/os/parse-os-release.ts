import type { OSFamily, OSInfo } from '../../sbom/model.js';
import { osFamilyOf } from '../../sbom/os-family.js';

/** Parses the freedesktop os-release format (`KEY=value`, optionally quoted). */
export function parseOsReleaseFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) continue;
    let value = trimmed.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) {
      value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    }
    fields.set(trimmed.slice(0, eq), value);
  }
  return fields;
}

export function parseOsRelease(text: string): OSInfo | undefined {
  const fields = parseOsReleaseFields(text);
  const id = fields.get('ID')?.toLowerCase();
  if (!id) return undefined;
  const family = osFamilyOf(id) ?? familyFromIdLike(fields.get('ID_LIKE'));
  const name = fields.get('PRETTY_NAME') ?? fields.get('NAME') ?? id;
  const os: OSInfo = { family, version: fields.get('VERSION_ID') ?? '', name };
  const codename = fields.get('VERSION_CODENAME') ?? fields.get('UBUNTU_CODENAME');
  if (codename) os.codename = codename;
  if (/distroless/i.test(name)) os.distroless = true;
  return os;
}

function familyFromIdLike(idLike: string | undefined): OSFamily {
  for (const id of (idLike ?? '').split(/\s+/)) {
    const family = osFamilyOf(id);
    if (family) return family;
  }
  return 'unknown';
}

/** `/etc/redhat-release` and kin: `Rocky Linux release 9.3 (Blue Onyx)`. */
export function parseReleaseLine(text: string): OSInfo | undefined {
  const line = text.split('\n')[0]?.trim() ?? '';
  const match = /^(.*?)\s+release\s+([\d.]+)/i.exec(line);
  if (!match) return undefined;
  const product = (match[1] ?? '').toLowerCase();
  const family: OSFamily = product.includes('red hat')
    ? 'rhel'
    : product.includes('centos')
      ? 'centos'
      : product.includes('rocky')
        ? 'rocky'
        : product.includes('alma')
          ? 'almalinux'
          : product.includes('fedora')
            ? 'fedora'
            : product.includes('oracle')
              ? 'oracle'
              : product.includes('amazon')
                ? 'amazon'
                : 'unknown';
  return { family, version: match[2] ?? '', name: line };
}
