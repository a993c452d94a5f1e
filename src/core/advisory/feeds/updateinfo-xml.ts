/**
 * yum `updateinfo.xml` (the format of Amazon Linux's and Bottlerocket's repositories):
 * `<updates><update type="security"><id/><severity/><issued date/><references>
 * <reference type="cve" id/></references><pkglist><collection><package name epoch
 * version release arch/></collection></pkglist></update></updates>` → OSV records.
 */
import type { OsvAffected, OsvRecord } from '../osv-types.js';
import type { FeedConversion } from './feed-types.js';
import { attr, child, children, osvTimestamp, parseXml, text, type XmlNode } from './feed-xml.js';

export interface UpdateinfoOptions {
  ecosystem: string;
  /** Accepts only advisory ids of this vendor and release (`ALAS2-`, not `ALAS2023-`). */
  idPattern: RegExp;
  /** Web page of an advisory, when the vendor has one per id. */
  advisoryUrl?: (id: string) => string;
}

/** rpm's full version as advisories state a fix: the epoch always written (`0:` when none). */
export function rpmFixedVersion(pkg: unknown): string | undefined {
  const version = attr(pkg, 'version');
  const release = attr(pkg, 'release');
  if (!version || !release) return undefined;
  return `${attr(pkg, 'epoch') ?? '0'}:${version}-${release}`;
}

export function convertUpdateinfo(xml: string, opts: UpdateinfoOptions): FeedConversion {
  const root = child(parseXml(xml), 'updates');
  if (!root) throw new Error('no <updates> root element: not an updateinfo.xml');
  const records: OsvRecord[] = [];
  const warnings: string[] = [];
  for (const [index, update] of children(root, 'update').entries()) {
    const result = convertUpdate(update, index, opts);
    if (typeof result === 'string') warnings.push(result);
    else records.push(result);
  }
  return { records, warnings };
}

/** One `<update>` → a record, or why it was skipped. */
function convertUpdate(update: XmlNode, index: number, opts: UpdateinfoOptions): OsvRecord | string {
  {
    const id = text(child(update, 'id'));
    if (!id) return `update #${index + 1}: no <id>; skipped`;
    if (!opts.idPattern.test(id)) return `${id}: not an advisory of this feed; skipped`;
    const issued = osvTimestamp(attr(child(update, 'issued'), 'date'));
    const modified = osvTimestamp(attr(child(update, 'updated'), 'date')) ?? issued;
    if (!modified) return `${id}: no readable <issued date>; skipped`;
    const severity = text(child(update, 'severity'));
    const fixes = new Map<string, string>();
    for (const collection of children(child(update, 'pkglist'), 'collection')) {
      for (const pkg of children(collection, 'package')) {
        const name = attr(pkg, 'name');
        const fixed = rpmFixedVersion(pkg);
        // The same fix is listed once per architecture; one range per package name.
        if (name && fixed && !fixes.has(name)) fixes.set(name, fixed);
      }
    }
    if (fixes.size === 0) return `${id}: no <package> with name, version and release; skipped`;
    const refs = children(child(update, 'references'), 'reference');
    const cves = [
      ...new Set(
        refs.flatMap((r) => {
          const ref = attr(r, 'id');
          return attr(r, 'type') === 'cve' && ref && /^CVE-\d{4}-\d+$/.test(ref) ? [ref] : [];
        }),
      ),
    ];
    const affected: OsvAffected[] = [...fixes].map(([name, fixed]) => ({
      package: { ecosystem: opts.ecosystem, name },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      ...(severity ? { database_specific: { severity } } : {}),
    }));
    const links = refs.flatMap((r) => {
      const href = attr(r, 'href');
      return href && /^https?:\/\//.test(href) ? [{ type: 'WEB', url: href }] : [];
    });
    const title = text(child(update, 'title'));
    const details = text(child(update, 'description'));
    return {
      id,
      modified,
      ...(issued ? { published: issued } : {}),
      ...(cves.length > 0 ? { aliases: cves } : {}),
      ...(title ? { summary: title } : {}),
      ...(details ? { details } : {}),
      affected,
      references: [...(opts.advisoryUrl ? [{ type: 'ADVISORY', url: opts.advisoryUrl(id) }] : []), ...links],
      ...(severity ? { database_specific: { severity } } : {}),
    };
  }
}
