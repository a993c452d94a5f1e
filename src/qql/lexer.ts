/**
 * QQL lexer. One pass over the text, producing tokens with their UTF-16 offsets.
 *
 * It is a little context-aware on purpose: after `:` or a comparison the next word is a
 * value, and values may contain `:` (`created>2024-01-02T10:00:00Z`, `repo.tag:a:b`),
 * while a token name never does. Inside a value's brackets, `..`/`...` ends a word, so
 * `[1...5]` reads as a range. Anything that could only be a mistake (`=`, control
 * characters, a look-alike of a syntax character pasted from a document) is refused
 * here with its column rather than silently becoming part of a word.
 */
import type { QqlOperator, QqlWordPart } from './ast.js';
import { failAt } from './qql-error.js';

export type QqlLexeme =
  | {
      readonly kind: 'word';
      readonly raw: string;
      readonly parts: readonly QqlWordPart[];
      readonly offset: number;
    }
  | { readonly kind: 'phrase' | 'exact'; readonly text: string; readonly offset: number }
  | { readonly kind: 'cmp'; readonly op: Exclude<QqlOperator, ':'>; readonly offset: number }
  | {
      readonly kind: 'colon' | 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'comma' | 'dots' | 'eof';
      readonly offset: number;
    };

/** Longest filter accepted, in UTF-16 units: far beyond any hand-written query. */
export const QQL_MAX_LENGTH = 4096;

const PUNCTUATION: Record<string, 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'comma'> = {
  '(': 'lparen',
  ')': 'rparen',
  '[': 'lbracket',
  ']': 'rbracket',
  ',': 'comma',
};

/** Characters that end a word (besides white space). */
const WORD_END = new Set(['(', ')', '[', ']', ',', ':', '"', '`', '<', '>', '=']);

/** Characters that look like QQL syntax but are not, named for the message. */
const LOOK_ALIKES: Record<string, [string, string]> = {
  '\uff1a': ['FULLWIDTH COLON', ':'],
  '\ufe55': ['SMALL COLON', ':'],
  '\u2236': ['RATIO', ':'],
  '\u201c': ['LEFT DOUBLE QUOTATION MARK', '"'],
  '\u201d': ['RIGHT DOUBLE QUOTATION MARK', '"'],
  '\u201e': ['DOUBLE LOW-9 QUOTATION MARK', '"'],
  '\u2033': ['DOUBLE PRIME', '"'],
  '\uff02': ['FULLWIDTH QUOTATION MARK', '"'],
  '\uff08': ['FULLWIDTH LEFT PARENTHESIS', '('],
  '\uff09': ['FULLWIDTH RIGHT PARENTHESIS', ')'],
  '\uff3b': ['FULLWIDTH LEFT SQUARE BRACKET', '['],
  '\uff3d': ['FULLWIDTH RIGHT SQUARE BRACKET', ']'],
  '\uff1c': ['FULLWIDTH LESS-THAN SIGN', '<'],
  '\uff1e': ['FULLWIDTH GREATER-THAN SIGN', '>'],
  '\uff1d': ['FULLWIDTH EQUALS SIGN', '='],
  '\uff0c': ['FULLWIDTH COMMA', ','],
};

const isSpace = (ch: string): boolean => /\s/u.test(ch);

export function lex(text: string): QqlLexeme[] {
  if (text.length > QQL_MAX_LENGTH) {
    failAt('QQL_TOO_COMPLEX', text, QQL_MAX_LENGTH, `filter is longer than ${QQL_MAX_LENGTH} characters`);
  }
  checkCharacters(text);
  const out: QqlLexeme[] = [];
  // 'name': a token name or keyword may come; 'value': one value word; 'bracket': inside [..] or (..) of a value.
  let mode: 'name' | 'value' | 'bracket' = 'name';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '"' || ch === '`') {
      const [value, next] = readQuoted(text, i);
      out.push({ kind: ch === '"' ? 'phrase' : 'exact', text: value, offset: start });
      i = next;
      if (mode === 'value') mode = 'name';
      continue;
    }
    if (ch === ':') {
      out.push({ kind: 'colon', offset: start });
      i++;
      mode = 'value';
      continue;
    }
    if (ch === '<' || ch === '>') {
      const op = text[i + 1] === '=' ? (`${ch}=` as const) : ch;
      out.push({ kind: 'cmp', op, offset: start });
      i += op.length;
      mode = 'value';
      continue;
    }
    if (ch === '=') failAt('QQL_SYNTAX', text, i, `unexpected "="`, 'QQL matches with ":" (field:value)');
    if (mode === 'bracket' && text.startsWith('..', i)) {
      out.push({ kind: 'dots', offset: start });
      i += text.startsWith('...', i) ? 3 : 2;
      continue;
    }
    const punct = PUNCTUATION[ch];
    if (punct) {
      out.push({ kind: punct, offset: start });
      i++;
      if (mode === 'value' && (punct === 'lbracket' || punct === 'lparen')) mode = 'bracket';
      else if (mode === 'bracket' && (punct === 'rbracket' || punct === 'rparen')) mode = 'name';
      else if (mode === 'value') mode = 'name';
      continue;
    }
    const [word, next] = readWord(text, i, mode);
    out.push(word);
    i = next;
    if (mode === 'value') mode = 'name';
  }
  out.push({ kind: 'eof', offset: text.length });
  return out;
}

function checkCharacters(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const hex = code.toString(16).toUpperCase().padStart(4, '0');
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      failAt('QQL_SYNTAX', text, i, `control character U+${hex}`);
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else failAt('QQL_SYNTAX', text, i, `unpaired surrogate U+${hex}`);
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      failAt('QQL_SYNTAX', text, i, `unpaired surrogate U+${hex}`);
    }
  }
}

/** Reads `"..."` (with `\"` and `\\` escapes) or `` `...` `` (no escapes) from `start`. */
function readQuoted(text: string, start: number): [string, number] {
  const quote = text[start] as string;
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === quote) return [value, i + 1];
    if (ch === '\\' && quote === '"' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    value += ch;
    i++;
  }
  const what = quote === '"' ? 'unterminated "phrase"' : 'unterminated `exact value`';
  return failAt('QQL_SYNTAX', text, start, `${what} starting`, `close it with ${quote}`);
}

function readWord(text: string, start: number, mode: 'name' | 'value' | 'bracket'): [QqlLexeme, number] {
  const parts: QqlWordPart[] = [];
  let literal = '';
  let i = start;
  while (i < text.length) {
    const ch = text[i] as string;
    if (isSpace(ch)) break;
    if (WORD_END.has(ch) && !(ch === ':' && mode !== 'name')) break;
    if (mode === 'bracket' && text.startsWith('..', i)) break;
    const lookAlike = LOOK_ALIKES[ch];
    if (lookAlike) {
      failAt('QQL_SYNTAX', text, i, `unexpected ${lookAlike[0]}`, `type a plain '${lookAlike[1]}' instead`);
    }
    if (ch === '\\') {
      if (i + 1 >= text.length) failAt('QQL_SYNTAX', text, i, 'a lone "\\" ends the filter');
      literal += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '*') {
      if (literal) parts.push({ kind: 'text', text: literal });
      literal = '';
      // `**` means the same as `*`.
      if (parts.at(-1)?.kind !== 'star') parts.push({ kind: 'star' });
      i++;
      continue;
    }
    literal += ch;
    i++;
  }
  if (literal) parts.push({ kind: 'text', text: literal });
  return [{ kind: 'word', raw: text.slice(start, i), parts, offset: start }, i];
}
