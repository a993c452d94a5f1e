/** The XML reading shared by the converters: one parser set-up, and tolerant accessors. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Namespaced OVAL elements (`red-def:rpminfo_test`) are read by local name.
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

/** Parses a document; throws with the parser's message when it is not well-formed XML. */
export function parseXml(text: string): XmlNode {
  // The parser alone accepts truncated documents; the validator names the broken line.
  const result = XMLValidator.validate(text);
  if (result !== true) throw new Error(`not well-formed XML: ${result.err.msg} (line ${result.err.line})`);
  return parser.parse(text) as XmlNode;
}

/** A child that may appear once or many times, always as a list of element nodes. */
export function children(node: unknown, name: string): XmlNode[] {
  if (!isNode(node)) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => (isNode(item) ? item : { '#text': String(item) }));
}

export function child(node: unknown, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** An element's text (the element may be a bare string when it has no attributes). */
export function text(node: unknown): string | undefined {
  if (typeof node === 'string') return node.trim() || undefined;
  if (!isNode(node)) return undefined;
  const value = node['#text'];
  return typeof value === 'string' || typeof value === 'number'
    ? String(value).trim() || undefined
    : undefined;
}

export function attr(node: unknown, name: string): string | undefined {
  if (!isNode(node)) return undefined;
  const value = node[`@${name}`];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Vendor dates as OSV timestamps: `2023-05-18 22:37` (Amazon), `2023-01-05` (Oracle),
 * `2023-02-09T21:28:02Z` (Bottlerocket). Undefined when unreadable.
 */
export function osvTimestamp(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(value.trim());
  if (!m) return undefined;
  const date = new Date(`${m[1]}T${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
