/**
 * QQL recursive-descent parser: lexemes in, syntax tree out.
 *
 *   query    := or EOF
 *   or       := and ( OR and )*
 *   and      := not ( AND not )*
 *   not      := NOT not | primary
 *   primary  := '(' or ')' | term
 *   term     := NAME ':' value | NAME CMP scalar
 *   value    := scalar | '[' scalar ( '...' scalar | (',' scalar)* ) ']' | '(' scalar '...' scalar ')'
 *   scalar   := WORD | "PHRASE" | `EXACT`
 *
 * Keywords are case-insensitive. Two terms side by side without `and`/`or` are an error
 * rather than a guess. Nesting and the number of terms are bounded, so a hostile filter
 * gets a clear error instead of a deep stack or a huge SQL statement.
 */
import type { QqlNode, QqlScalar, QqlTerm, QqlValue } from './ast.js';
import { lex, type QqlLexeme } from './lexer.js';
import { columnAt, failAt } from './qql-error.js';

/** Parentheses and `not`s nested deeper than this are refused. */
export const QQL_MAX_DEPTH = 32;
/** Terms (`field:value`) in one filter, counting each item of a value list. */
export const QQL_MAX_TERMS = 64;

const KEYWORDS = new Set(['and', 'or', 'not']);

/** Parses a filter. Blank text (no terms) gives `undefined`: no condition. */
export function parseQql(text: string): QqlNode | undefined {
  const parser = new Parser(text, lex(text));
  return parser.parseQuery();
}

class Parser {
  private pos = 0;
  private depth = 0;
  private terms = 0;

  constructor(
    private readonly text: string,
    private readonly lexemes: readonly QqlLexeme[],
  ) {}

  parseQuery(): QqlNode | undefined {
    if (this.peek().kind === 'eof') return undefined;
    const node = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'eof') {
      if (next.kind === 'rparen') this.fail(next, 'unexpected ")" without a matching "("');
      this.fail(next, `unexpected ${describe(next)}`, 'join terms with "and" or "or"');
    }
    return node;
  }

  private parseOr(): QqlNode {
    const first = this.parseAnd();
    const items = [first];
    while (this.isKeyword(this.peek(), 'or')) {
      this.pos++;
      items.push(this.parseAnd());
    }
    return items.length === 1 ? first : { kind: 'or', items, offset: first.offset };
  }

  private parseAnd(): QqlNode {
    const first = this.parseNot();
    const items = [first];
    while (this.isKeyword(this.peek(), 'and')) {
      this.pos++;
      items.push(this.parseNot());
    }
    return items.length === 1 ? first : { kind: 'and', items, offset: first.offset };
  }

  private parseNot(): QqlNode {
    const next = this.peek();
    if (this.isKeyword(next, 'not')) {
      this.pos++;
      return this.nested(next, () => ({ kind: 'not', item: this.parseNot(), offset: next.offset }));
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QqlNode {
    const next = this.peek();
    if (next.kind === 'lparen') {
      this.pos++;
      return this.nested(next, () => {
        const inner = this.parseOr();
        this.expect('rparen', `a ")" to close the "(" at column ${this.column(next)}`);
        return inner;
      });
    }
    if (next.kind === 'word' && !this.isKeyword(next, 'and') && !this.isKeyword(next, 'or')) {
      return this.parseTerm(next);
    }
    if (next.kind === 'eof')
      this.fail(next, 'the filter ends where a term was expected', 'e.g. created>now-7d');
    return this.fail(next, `unexpected ${describe(next)}`, 'expected a term such as field:value');
  }

  private parseTerm(name: Extract<QqlLexeme, { kind: 'word' }>): QqlTerm {
    this.pos++;
    this.terms++;
    if (this.terms > QQL_MAX_TERMS) this.tooComplex(name, `more than ${QQL_MAX_TERMS} terms`);
    if (name.parts.some((p) => p.kind === 'star'))
      this.fail(name, `a token name cannot hold "*" ("${name.raw}")`);
    const op = this.peek();
    if (op.kind === 'colon') {
      this.pos++;
      return { kind: 'term', token: name.raw, op: ':', value: this.parseValue(op), offset: name.offset };
    }
    if (op.kind === 'cmp') {
      this.pos++;
      const value = this.parseScalar(op, `a value after "${op.op}"`);
      return { kind: 'term', token: name.raw, op: op.op, value, offset: name.offset };
    }
    if (op.kind === 'eof' || op.kind === 'word') {
      return this.fail(name, `"${name.raw}" is not a term`, 'write token:value, e.g. imageId:4ab4c602aa5e');
    }
    return this.fail(op, `unexpected ${describe(op)} after "${name.raw}"`, 'expected ":" or a comparison');
  }

  private parseValue(colon: QqlLexeme): QqlValue {
    const open = this.peek();
    if (open.kind !== 'lbracket' && open.kind !== 'lparen')
      return this.parseScalar(colon, 'a value after ":"');
    this.pos++;
    const first = this.parseScalar(open, `a value after "${open.kind === 'lbracket' ? '[' : '('}"`);
    const close = open.kind === 'lbracket' ? 'rbracket' : 'rparen';
    const closeChar = close === 'rbracket' ? ']' : ')';
    if (this.peek().kind === 'dots') {
      const dots = this.next();
      const to = this.parseScalar(dots, 'an upper bound after "..."');
      this.expect(close, `"${closeChar}" to close the range`);
      return { kind: 'range', from: first, to, inclusive: open.kind === 'lbracket', offset: open.offset };
    }
    if (open.kind === 'lparen') this.fail(this.peek(), `expected "..." in the range (a ... b)`);
    const items: QqlScalar[] = [first];
    while (this.peek().kind === 'comma') {
      const comma = this.next();
      this.terms++;
      if (this.terms > QQL_MAX_TERMS)
        this.tooComplex(comma, `more than ${QQL_MAX_TERMS} terms and list values`);
      items.push(this.parseScalar(comma, 'a value after ","'));
    }
    this.expect(close, `"," or "..." or "]"`);
    return { kind: 'list', items, offset: open.offset };
  }

  private parseScalar(after: QqlLexeme, expected: string): QqlScalar {
    const next = this.peek();
    if (next.kind === 'word') {
      this.pos++;
      return { kind: 'word', parts: next.parts, raw: next.raw, offset: next.offset };
    }
    if (next.kind === 'phrase' || next.kind === 'exact') {
      this.pos++;
      return { kind: next.kind, text: next.text, offset: next.offset };
    }
    const at = next.kind === 'eof' ? after : next;
    return this.fail(at, `expected ${expected}`, next.kind === 'eof' ? 'the filter ends there' : undefined);
  }

  private nested<T>(at: QqlLexeme, body: () => T): T {
    this.depth++;
    if (this.depth > QQL_MAX_DEPTH) this.tooComplex(at, `nesting deeper than ${QQL_MAX_DEPTH} levels`);
    const out = body();
    this.depth--;
    return out;
  }

  private isKeyword(lexeme: QqlLexeme, keyword: string): boolean {
    return lexeme.kind === 'word' && lexeme.raw.toLowerCase() === keyword && KEYWORDS.has(keyword);
  }

  private expect(kind: QqlLexeme['kind'], what: string): QqlLexeme {
    const next = this.peek();
    if (next.kind !== kind) {
      this.fail(next, `expected ${what} but found ${describe(next)}`);
    }
    return this.next();
  }

  private peek(): QqlLexeme {
    return this.lexemes[this.pos] as QqlLexeme;
  }

  private next(): QqlLexeme {
    const lexeme = this.peek();
    if (lexeme.kind !== 'eof') this.pos++;
    return lexeme;
  }

  private column(lexeme: QqlLexeme): number {
    return columnAt(this.text, lexeme.offset);
  }

  private fail(at: QqlLexeme, what: string, hint?: string): never {
    return failAt('QQL_SYNTAX', this.text, at.offset, what, hint);
  }

  private tooComplex(at: QqlLexeme, what: string): never {
    return failAt('QQL_TOO_COMPLEX', this.text, at.offset, `filter has ${what}`);
  }
}

function describe(lexeme: QqlLexeme): string {
  switch (lexeme.kind) {
    case 'word':
      return `"${lexeme.raw}"`;
    case 'phrase':
      return `"${lexeme.text}" (a quoted value)`;
    case 'exact':
      return `\`${lexeme.text}\``;
    case 'cmp':
      return `"${lexeme.op}"`;
    case 'colon':
      return '":"';
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
    case 'lbracket':
      return '"["';
    case 'rbracket':
      return '"]"';
    case 'comma':
      return '","';
    case 'dots':
      return '"..."';
    case 'eof':
      return 'the end of the filter';
  }
}
