/**
 * The QQL syntax tree: immutable, `kind`-tagged nodes. Every node keeps the UTF-16
 * offset where it starts in the query text, so later stages (token and value checks in
 * the compiler) can report a column. Values stay uninterpreted here: whether `5` is a
 * number, a date or a keyword depends on the token, which only the catalog knows.
 */

export type QqlNode = QqlAnd | QqlOr | QqlNot | QqlTerm;

export interface QqlAnd {
  readonly kind: 'and';
  readonly items: readonly QqlNode[];
  readonly offset: number;
}

export interface QqlOr {
  readonly kind: 'or';
  readonly items: readonly QqlNode[];
  readonly offset: number;
}

export interface QqlNot {
  readonly kind: 'not';
  readonly item: QqlNode;
  readonly offset: number;
}

/** `:` matches (equality, wildcard, range or list); the others compare. */
export type QqlOperator = ':' | '>' | '>=' | '<' | '<=';

export interface QqlTerm {
  readonly kind: 'term';
  /** The token as written (`vulnerabilities.severity`); the catalog resolves it. */
  readonly token: string;
  readonly op: QqlOperator;
  readonly value: QqlValue;
  readonly offset: number;
}

/** A piece of an unquoted word: literal text or a `*` wildcard. */
export type QqlWordPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'star' };

/** An unquoted value; `\*` and `\\` escapes are already resolved into text parts. */
export interface QqlWord {
  readonly kind: 'word';
  readonly parts: readonly QqlWordPart[];
  /** The value as written, for messages. */
  readonly raw: string;
  readonly offset: number;
}

/** `"a phrase"`: no wildcards; `\"` and `\\` escapes resolved. */
export interface QqlPhrase {
  readonly kind: 'phrase';
  readonly text: string;
  readonly offset: number;
}

/** `` `exact` ``: a case-sensitive, whole-value match. */
export interface QqlExact {
  readonly kind: 'exact';
  readonly text: string;
  readonly offset: number;
}

export type QqlScalar = QqlWord | QqlPhrase | QqlExact;

/** `[a ... b]` includes both ends, `(a ... b)` excludes both. */
export interface QqlRange {
  readonly kind: 'range';
  readonly from: QqlScalar;
  readonly to: QqlScalar;
  readonly inclusive: boolean;
  readonly offset: number;
}

/** `[a, b, c]`: any of the values. */
export interface QqlList {
  readonly kind: 'list';
  readonly items: readonly QqlScalar[];
  readonly offset: number;
}

export type QqlValue = QqlScalar | QqlRange | QqlList;

/** The literal text of a word with no wildcard, or undefined when it has one. */
export function wordText(word: QqlWord): string | undefined {
  let out = '';
  for (const part of word.parts) {
    if (part.kind === 'star') return undefined;
    out += part.text;
  }
  return out;
}

/** The text a scalar stands for when read as a plain value (number, date, enum...). */
export function scalarText(value: QqlScalar): string | undefined {
  return value.kind === 'word' ? wordText(value) : value.text;
}
