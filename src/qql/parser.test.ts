import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QqlNode, QqlScalar, QqlValue } from './ast.js';
import { formatQql } from './format.js';
import { parseQql, QQL_MAX_DEPTH, QQL_MAX_TERMS } from './parser.js';
import { QqlError } from './qql-error.js';

/** A compact, unambiguous rendering of a tree: (and a b), (not x), token:op value. */
function sexp(node: QqlNode | undefined): string {
  if (!node) return '<empty>';
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.kind} ${node.items.map(sexp).join(' ')})`;
    case 'not':
      return `(not ${sexp(node.item)})`;
    case 'term':
      return `${node.token}${node.op}${value(node.value)}`;
  }
}

function scalar(v: QqlScalar): string {
  if (v.kind === 'phrase') return `"${v.text}"`;
  if (v.kind === 'exact') return `\`${v.text}\``;
  return v.parts.map((p) => (p.kind === 'star' ? '<*>' : p.text)).join('');
}

function value(v: QqlValue): string {
  if (v.kind === 'range')
    return `${v.inclusive ? '[' : '('}${scalar(v.from)}..${scalar(v.to)}${v.inclusive ? ']' : ')'}`;
  if (v.kind === 'list') return `{${v.items.map(scalar).join('|')}}`;
  return scalar(v);
}

const grammar: [string, string][] = [
  ['', '<empty>'],
  ['   ', '<empty>'],
  ['imageId:4ab4c602aa5e', 'imageId:4ab4c602aa5e'],
  ['vulnerabilities.severity:"5"', 'vulnerabilities.severity:"5"'],
  ['operatingSystem: "Windows 7"', 'operatingSystem:"Windows 7"'],
  ['host.sensorUid: `cbcb5ef6-1c49`', 'host.sensorUid:`cbcb5ef6-1c49`'],
  ['repo.tag:v1.*', 'repo.tag:v1.<*>'],
  ['name:*web*', 'name:<*>web<*>'],
  ['name:a\\*b', 'name:a*b'],
  ['name:**', 'name:<*>'],
  ['lastVmScanDate:[now-24h ... now]', 'lastVmScanDate:[now-24h..now]'],
  ['size:[1...5]', 'size:[1..5]'],
  ['size:[1.5..2.5]', 'size:[1.5..2.5]'],
  ['openPorts.port:(123 .. 1234)', 'openPorts.port:(123..1234)'],
  ['state:[RUNNING, PAUSED]', 'state:{RUNNING|PAUSED}'],
  ['severity>3', 'severity>3'],
  ['severity >= 3', 'severity>=3'],
  ['created<2024-01-01T10:00:00Z', 'created<2024-01-01T10:00:00Z'],
  ['created<=now-7d', 'created<=now-7d'],
  ['repo.tag:a:b', 'repo.tag:a:b'],
  ['a:1 and b:2 or c:3', '(or (and a:1 b:2) c:3)'],
  ['a:1 or b:2 and c:3', '(or a:1 (and b:2 c:3))'],
  ['a:1 AND b:2 And c:3', '(and a:1 b:2 c:3)'],
  ['not a:1 and b:2', '(and (not a:1) b:2)'],
  ['NOT not a:1', '(not (not a:1))'],
  ['not (a:1 or b:2)', '(not (or a:1 b:2))'],
  ['(a:1 or b:2) and c:3', '(and (or a:1 b:2) c:3)'],
  ['((a:1))', 'a:1'],
  ['name:and or name:not', '(or name:and name:not)'],
  ['title:"say \\"hi\\" \\\\ bye"', 'title:"say "hi" \\ bye"'],
  ['name:"a*b"', 'name:"a*b"'],
];

describe('QQL grammar', () => {
  for (const [input, expected] of grammar) {
    it(`parses ${JSON.stringify(input)}`, () => {
      const tree = parseQql(input);
      assert.equal(sexp(tree), expected);
      if (tree) assert.equal(sexp(parseQql(formatQql(tree))), expected, 'format → parse round-trips');
    });
  }

  it('keeps offsets of terms and values', () => {
    const tree = parseQql('a:1 and  bb:[x ... y]');
    assert.ok(tree?.kind === 'and');
    const second = tree.items[1];
    assert.ok(second?.kind === 'term');
    assert.equal(second.offset, 9);
    assert.ok(second.value.kind === 'range');
    assert.equal(second.value.to.offset, 19);
  });
});

const errors: [string, string, number][] = [
  ['a:', 'QQL_SYNTAX', 2],
  ['a:1 b:2', 'QQL_SYNTAX', 5],
  ['nginx', 'QQL_SYNTAX', 1],
  ['(a:1', 'QQL_SYNTAX', 5],
  ['a:1)', 'QQL_SYNTAX', 4],
  ['a:1 and', 'QQL_SYNTAX', 8],
  ['and a:1', 'QQL_SYNTAX', 1],
  ['a:[1 ... ]', 'QQL_SYNTAX', 10],
  ['a:[1, 2', 'QQL_SYNTAX', 8],
  ['a:(1, 2)', 'QQL_SYNTAX', 5],
  ['a:"open', 'QQL_SYNTAX', 3],
  ['a:`open', 'QQL_SYNTAX', 3],
  ['a=1', 'QQL_SYNTAX', 2],
  ['a*:1', 'QQL_SYNTAX', 1],
  ['é:1 and b:\u0000', 'QQL_SYNTAX', 11],
  ['name\uff1a5', 'QQL_SYNTAX', 5],
  ['name:\u201cx\u201d', 'QQL_SYNTAX', 6],
  ['😀:1 and b:\ud800', 'QQL_SYNTAX', 11],
  ['a:1\\', 'QQL_SYNTAX', 4],
];

describe('QQL syntax errors', () => {
  for (const [input, code, column] of errors) {
    it(`${JSON.stringify(input)} → ${code} at column ${column}`, () => {
      assert.throws(
        () => parseQql(input),
        (err: unknown) => {
          assert.ok(err instanceof QqlError, String(err));
          assert.equal(err.code, code);
          assert.equal(err.column, column, err.message);
          assert.match(err.message, new RegExp(`at column ${column}\\b`));
          return true;
        },
      );
    });
  }

  it('names what it expected', () => {
    assert.throws(
      () => parseQql('(a:1 or b:2'),
      /expected a "\)" to close the "\(" at column 1 but found the end of the filter at column 12/,
    );
    assert.throws(() => parseQql('name\uff1a5'), /FULLWIDTH COLON at column 5; type a plain ':' instead/);
  });
});

describe('QQL limits', () => {
  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const ok = `${'('.repeat(QQL_MAX_DEPTH)}a:1${')'.repeat(QQL_MAX_DEPTH)}`;
    assert.equal(sexp(parseQql(ok)), 'a:1');
    for (const deep of [
      `${'('.repeat(100_000)}a:1${')'.repeat(100_000)}`.slice(0, 4000),
      `${'not '.repeat(1000)}a:1`,
    ]) {
      assert.throws(
        () => parseQql(deep),
        (err: unknown) =>
          err instanceof QqlError && err.code === 'QQL_TOO_COMPLEX' && /nesting deeper/.test(err.message),
      );
    }
  });

  it('refuses too many terms and list values', () => {
    const many = Array.from({ length: QQL_MAX_TERMS + 1 }, (_, i) => `a:${i}`).join(' or ');
    assert.throws(
      () => parseQql(many),
      (err: unknown) => err instanceof QqlError && err.code === 'QQL_TOO_COMPLEX',
    );
    const list = `a:[${Array.from({ length: QQL_MAX_TERMS + 1 }, (_, i) => i).join(',')}]`;
    assert.throws(
      () => parseQql(list),
      (err: unknown) => err instanceof QqlError && err.code === 'QQL_TOO_COMPLEX',
    );
  });

  it('refuses huge input before reading it', () => {
    assert.throws(
      () => parseQql(`name:${'x'.repeat(1_000_000)}`),
      (err: unknown) =>
        err instanceof QqlError && err.code === 'QQL_TOO_COMPLEX' && /longer than 4096/.test(err.message),
    );
  });
});
