/**
 * A small XML element tree: enough for POMs (elements, text, attributes ignored, comments,
 * CDATA, processing instructions, the five predefined entities and numeric references).
 * Namespaces are kept as written in names (POMs use a default namespace, so `dependency`
 * stays `dependency`). Never throws: malformed input returns undefined.
 */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return named[ref] ?? '';
  });
}

/** Most nesting a real POM needs is ~10; more is hostile input. */
const maxDepth = 256;

export function parseXml(text: string): XmlNode | undefined {
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack: XmlNode[] = [root];
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const top = stack[stack.length - 1] as XmlNode;
    if (lt < 0) {
      top.text += decode(text.slice(i));
      break;
    }
    if (lt > i) top.text += decode(text.slice(i, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) return undefined;
      top.text += text.slice(lt + 9, end);
      i = end + 3;
    } else if (text.startsWith('<?', lt) || text.startsWith('<!', lt)) {
      const end = text.indexOf('>', lt);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (text.startsWith('</', lt)) {
      const end = text.indexOf('>', lt);
      if (end < 0) return undefined;
      const name = text.slice(lt + 2, end).trim();
      if (stack.length < 2 || top.name !== name) return undefined;
      stack.pop();
      i = end + 1;
    } else {
      const end = findTagEnd(text, lt + 1);
      if (end < 0) return undefined;
      const inner = text.slice(lt + 1, end);
      const selfClosing = inner.endsWith('/');
      const name = /^[^\s/>]+/.exec(inner)?.[0];
      if (!name) return undefined;
      const node: XmlNode = { name, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) {
        if (stack.length > maxDepth) return undefined;
        stack.push(node);
      }
      i = end + 1;
    }
  }
  if (stack.length !== 1) return undefined;
  return root.children.length === 1 ? root.children[0] : undefined;
}

/** The `>` closing a start tag, skipping quoted attribute values. */
function findTagEnd(text: string, from: number): number {
  let quote: string | undefined;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return -1;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export function childText(node: XmlNode | undefined, name: string): string | undefined {
  const c = child(node, name);
  return c === undefined ? undefined : c.text.trim();
}
