import { type ParseResult, parseJsonObject } from '../../parse-result.js';

/**
 * bun.lock is JSON with trailing commas (and bun accepts `//` and block comments in it).
 * One linear pass outside strings drops both, then `JSON.parse` reads the rest; a
 * truncated or broken file is an unknown, never an exception.
 */
export function parseJsonc(
  text: string,
  path: string,
): { value: Record<string, unknown> } | { unknown: ParseResult['unknowns'][number] } {
  let out = '';
  let from = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote, honouring escapes.
      i++;
      while (i < n && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      out += text.slice(from, i);
      while (i < n && text.charCodeAt(i) !== 0x0a) i++;
      from = i;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      out += text.slice(from, i);
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      from = i;
    } else if (c === 0x2c) {
      let j = i + 1;
      while (j < n && /\s/.test(text[j]!)) j++;
      const next = text.charCodeAt(j);
      if (next === 0x7d || next === 0x5d) {
        out += text.slice(from, i);
        from = i + 1;
      }
      i++;
    } else {
      i++;
    }
  }
  out += text.slice(from);
  return parseJsonObject(out, path);
}
