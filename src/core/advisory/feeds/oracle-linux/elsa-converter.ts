import type { OsvAffected, OsvRecord } from '../../osv-types.js';
import type { FeedConversion, FeedConverter } from '../feed-types.js';
import { attr, child, children, osvTimestamp, parseXml, text, type XmlNode } from '../feed-xml.js';

/** `Oracle Linux 8 is installed`: the branch of the criteria tree a fix belongs to. */
const releaseCriterion = /^Oracle Linux (\d+) is installed$/;
/** `curl is earlier than 0:7.61.1-25.el8_7.1`: the fix, epoch always written. */
const earlierCriterion = /^(\S+) is earlier than (\d+:\S+)$/;

/**
 * Walks `<criteria>`: a release criterion applies to its siblings and everything below
 * them; Oracle nests one branch per release when a definition spans several.
 */
function collectFixes(node: XmlNode, release: string | undefined, out: Map<string, Map<string, string>>) {
  let here = release;
  for (const criterion of children(node, 'criterion')) {
    const m = releaseCriterion.exec(attr(criterion, 'comment') ?? '');
    if (m) here = m[1];
  }
  for (const criterion of children(node, 'criterion')) {
    const m = earlierCriterion.exec(attr(criterion, 'comment') ?? '');
    if (!m || !here) continue;
    const fixes = out.get(here) ?? new Map<string, string>();
    if (!fixes.has(m[1]!)) fixes.set(m[1]!, m[2]!);
    out.set(here, fixes);
  }
  for (const nested of children(node, 'criteria')) collectFixes(nested, here, out);
}

/** One ELSA definition → a record, or a reason it was skipped. */
function convertDefinition(definition: XmlNode, wanted: string | undefined): OsvRecord | string | undefined {
  const metadata = child(definition, 'metadata');
  const refs = children(metadata, 'reference');
  const elsa = refs.find((r) => attr(r, 'source')?.toLowerCase() === 'elsa');
  const id = attr(elsa, 'ref_id');
  const defId = attr(definition, 'id') ?? '?';
  if (!id || !/^ELSA-\d{4}-\d+$/.test(id)) return `${defId}: no ELSA reference; skipped`;
  const advisory = child(metadata, 'advisory');
  const issued = osvTimestamp(attr(child(advisory, 'issued'), 'date'));
  if (!issued) return `${id}: no readable <issued date>; skipped`;
  const fixes = new Map<string, Map<string, string>>();
  const criteria = child(definition, 'criteria');
  if (criteria) collectFixes(criteria, undefined, fixes);
  const releases = [...fixes.keys()].filter((r) => wanted === undefined || r === wanted);
  if (releases.length === 0) {
    // A definition for another release is expected in the all-releases file: not a problem.
    return fixes.size > 0
      ? undefined
      : `${id}: no "<package> is earlier than <epoch:version-release>" criterion; skipped`;
  }
  const severity = text(child(advisory, 'severity'))?.toLowerCase();
  const cves = [
    ...new Set([
      ...refs.flatMap((r) => (attr(r, 'source') === 'CVE' && attr(r, 'ref_id') ? [attr(r, 'ref_id')!] : [])),
      ...children(advisory, 'cve').flatMap((c) => text(c) ?? []),
    ]),
  ].filter((cve) => /^CVE-\d{4}-\d+$/.test(cve));
  const affected: OsvAffected[] = releases.flatMap((release) =>
    [...fixes.get(release)!].map(([name, fixed]) => ({
      package: { ecosystem: `Oracle Linux:${release}`, name },
      ranges: [{ type: 'ECOSYSTEM' as const, events: [{ introduced: '0' }, { fixed }] }],
      ...(severity ? { database_specific: { severity } } : {}),
    })),
  );
  const title = text(child(metadata, 'title'));
  const details = text(child(metadata, 'description'));
  return {
    id,
    modified: issued,
    published: issued,
    ...(cves.length > 0 ? { aliases: cves } : {}),
    ...(title ? { summary: title } : {}),
    ...(details ? { details } : {}),
    affected,
    references: [
      { type: 'ADVISORY', url: attr(elsa, 'ref_url') ?? `https://linux.oracle.com/errata/${id}.html` },
    ],
    ...(severity ? { database_specific: { severity } } : {}),
  };
}

/**
 * Oracle Linux errata (ELSA) from Oracle's OVAL file (`com.oracle.elsa-all.xml` or one
 * per release, `com.oracle.elsa-ol8.xml`). Each definition's criteria name the release
 * (`Oracle Linux 8 is installed`) and each fix (`curl is earlier than 0:7.61.1-…`);
 * records go to `Oracle Linux:<major>`, what the matcher asks for ID=ol, VERSION_ID=8.x.
 * `oracle-linux` reads every release in the file, `oracle-linux-8` only release 8.
 */
export const oracleLinuxFeed: FeedConverter = {
  name: 'oracle-linux',
  vendor: 'Oracle Linux (ELSA)',
  family: 'Oracle Linux',
  format: 'OVAL definitions XML (`com.oracle.elsa-*.xml`, `.xml` or `.xml.gz`)',
  releases: ['5', '6', '7', '8', '9', '10'],
  releaseRequired: false,
  convert(xml, release): FeedConversion {
    const root = child(parseXml(xml), 'oval_definitions');
    if (!root) throw new Error('no <oval_definitions> root element: not an OVAL file');
    const records: OsvRecord[] = [];
    const warnings: string[] = [];
    for (const definition of children(child(root, 'definitions'), 'definition')) {
      const result = convertDefinition(definition, release);
      if (typeof result === 'string') warnings.push(result);
      else if (result) records.push(result);
    }
    return { records, warnings };
  },
};
