/**
 * Just enough XML for MSBuild and NuGet files: the elements with one of the given names,
 * their attributes, and the text of simple child elements (`<Version>1.2</Version>`).
 * Comments are skipped; entities in values are decoded. Never throws: text that is not
 * XML yields no elements.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: Record<string, string>;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => entities[name] ?? '');
}

export function scanXmlElements(text: string, names: readonly string[]): XmlElement[] {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  const wanted = new Set(names);
  const out: XmlElement[] = [];
  const open = /<([A-Za-z_][\w.-]*)\b([^<>]*?)(\/?)>/g;
  for (let m = open.exec(body); m; m = open.exec(body)) {
    const name = m[1]!;
    if (!wanted.has(name)) continue;
    const attributes: Record<string, string> = {};
    for (const a of m[2]!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes[a[1]!] = decode((a[2] ?? a[3] ?? '').trim());
    }
    const children: Record<string, string> = {};
    if (m[3] !== '/') {
      const close = body.indexOf(`</${name}>`, open.lastIndex);
      if (close !== -1) {
        const inner = body.slice(open.lastIndex, close);
        for (const c of inner.matchAll(/<([A-Za-z_][\w.-]*)\b[^<>]*>([^<]*)<\/\1>/g))
          children[c[1]!] = decode(c[2]!.trim());
        open.lastIndex = close;
      }
    }
    out.push({ name, attributes, children });
  }
  return out;
}
