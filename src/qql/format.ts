/**
 * Syntax tree → canonical QQL text. `parseQql(formatQql(node))` gives back an equivalent
 * tree: tests use it to round-trip generated queries, and the console can show a
 * normalised filter.
 */
import type { QqlNode, QqlScalar, QqlValue } from './ast.js';

export function formatQql(node: QqlNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.items.map((item) => wrap(item, node.kind)).join(` ${node.kind} `);
    case 'not':
      return `not ${node.item.kind === 'term' || node.item.kind === 'not' ? formatQql(node.item) : `(${formatQql(node.item)})`}`;
    case 'term':
      return `${node.token}${node.op}${formatValue(node.value)}`;
  }
}

function wrap(item: QqlNode, parent: 'and' | 'or'): string {
  // `and` binds tighter than `or`; anything else of the same or lower strength needs parentheses.
  const bare = item.kind === 'term' || item.kind === 'not' || (parent === 'or' && item.kind === 'and');
  return bare ? formatQql(item) : `(${formatQql(item)})`;
}

function formatValue(value: QqlValue): string {
  switch (value.kind) {
    case 'range':
      return value.inclusive
        ? `[${formatScalar(value.from, true)} ... ${formatScalar(value.to, true)}]`
        : `(${formatScalar(value.from, true)} ... ${formatScalar(value.to, true)})`;
    case 'list':
      return `[${value.items.map((v) => formatScalar(v, true)).join(', ')}]`;
    default:
      return formatScalar(value, false);
  }
}

function formatScalar(value: QqlScalar, inBrackets: boolean): string {
  switch (value.kind) {
    case 'phrase':
      return `"${value.text.replace(/[\\"]/g, '\\$&')}"`;
    case 'exact':
      return `\`${value.text}\``;
    case 'word': {
      const text = value.parts.map((p) => (p.kind === 'star' ? '*' : p.text)).join('');
      if (value.parts.some((p) => p.kind === 'text' && /\s/u.test(p.text)) || text === '') {
        // White space cannot be escaped in a word; a star-less word and a phrase mean the same.
        return formatScalar({ kind: 'phrase', text, offset: value.offset }, inBrackets);
      }
      return value.parts.map((p) => (p.kind === 'star' ? '*' : escapeWord(p.text, inBrackets))).join('');
    }
  }
}

function escapeWord(text: string, inBrackets: boolean): string {
  let out = text.replace(/[()[\],:"`<>=\\*]/g, '\\$&');
  if (inBrackets) out = out.replace(/\.(?=\.)/g, '\\.');
  return out;
}
