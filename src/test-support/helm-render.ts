/**
 * `helm template` for the subset of Go templates our charts use (Debian has no `helm`):
 * actions with `{{-`/`-}}` trimming, `if`/`else`/`end`, `with`/`end`, `define` + `include`,
 * field paths (`.Values.a.b`, `.Release.Name`, `.`), string/number literals, parentheses,
 * pipelines, and the functions `quote`, `required`, `printf` (%s %d %v), `include`, `eq`,
 * `not`, `default`, `toYaml`, `indent`, `nindent`, `trunc`, `trimSuffix`. Anything else is
 * an error, so a chart that grows past the subset fails its test instead of rendering wrong.
 * Semantics follow text/template and Helm's sprig functions as documented.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

type Value = unknown;
type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; expr: string }
  | { kind: 'if'; expr: string; body: Node[]; otherwise: Node[] }
  | { kind: 'with'; expr: string; body: Node[]; otherwise: Node[] }
  | { kind: 'define'; name: string; body: Node[] };

/** Splits into text and `{{ }}` actions, applying the trim markers to the neighbouring text. */
function lex(src: string): ({ text: string } | { action: string })[] {
  const out: ({ text: string } | { action: string })[] = [];
  let i = 0;
  let trimNext = false;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let text = src.slice(i, open < 0 ? src.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (open < 0) {
      out.push({ text });
      break;
    }
    const close = src.indexOf('}}', open);
    if (close < 0) throw new Error('unclosed {{');
    let inner = src.slice(open + 2, close);
    if (inner.startsWith('-')) {
      text = text.replace(/\s+$/, '');
      inner = inner.slice(1);
    }
    trimNext = inner.endsWith('-');
    if (trimNext) inner = inner.slice(0, -1);
    out.push({ text });
    const action = inner.trim();
    if (!action.startsWith('/*')) out.push({ action });
    i = close + 2;
  }
  return out;
}

function parseNodes(tokens: ({ text: string } | { action: string })[]): Node[] {
  let pos = 0;
  function block(): { nodes: Node[]; end: 'end' | 'else' | 'eof' } {
    const nodes: Node[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos++] as { text: string } | { action: string };
      if ('text' in t) {
        if (t.text) nodes.push({ kind: 'text', text: t.text });
        continue;
      }
      const a = t.action;
      if (a === 'end') return { nodes, end: 'end' };
      if (a === 'else') return { nodes, end: 'else' };
      const m = /^(if|with|define)\s+(.*)$/s.exec(a);
      if (!m) {
        nodes.push({ kind: 'action', expr: a });
        continue;
      }
      const body = block();
      const alt = body.end === 'else' ? block() : { nodes: [], end: 'end' as const };
      if (alt.end !== 'end') throw new Error(`${m[1]} without end`);
      const arg = m[2] as string;
      if (m[1] === 'define')
        nodes.push({ kind: 'define', name: JSON.parse(arg) as string, body: body.nodes });
      else nodes.push({ kind: m[1] as 'if' | 'with', expr: arg, body: body.nodes, otherwise: alt.nodes });
    }
    return { nodes, end: 'eof' };
  }
  const r = block();
  if (r.end !== 'eof') throw new Error(`unexpected ${r.end}`);
  return r.nodes;
}

const truthy = (v: Value) =>
  !(v === undefined || v === null || v === false || v === 0 || v === '') &&
  !(Array.isArray(v) && v.length === 0) &&
  !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

const show = (v: Value): string =>
  v === undefined || v === null ? '' : typeof v === 'object' ? stringify(v).trimEnd() : String(v);

/** Tokens of one pipeline command: strings, numbers, paths, identifiers, parenthesised groups. */
function words(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
      out.push(s.slice(i, j + 1));
      i = j + 1;
    } else if (c === '(' || c === '|') {
      if (c === '|') {
        out.push('|');
        i++;
        continue;
      }
      let depth = 0;
      let j = i;
      for (; j < s.length; j++) {
        if (s[j] === '(') depth++;
        if (s[j] === ')' && --depth === 0) break;
      }
      out.push(s.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < s.length && !/[\s()|]/.test(s[j] as string)) j++;
      out.push(s.slice(i, j));
      i = j;
    }
  }
  return out;
}

export interface RenderContext {
  Values: Record<string, unknown>;
  Release: { Name: string; Namespace: string };
  Chart: Record<string, unknown>;
}

class Renderer {
  readonly defines = new Map<string, Node[]>();
  constructor(readonly root: RenderContext) {}

  path(p: string, dot: Value): Value {
    if (p === '.') return dot;
    const base = p.startsWith('$') ? this.root : dot;
    let v: Value = base;
    for (const key of p.replace(/^\$/, '').split('.').filter(Boolean)) {
      v = v !== null && typeof v === 'object' ? (v as Record<string, Value>)[key] : undefined;
    }
    return v;
  }

  arg(w: string, dot: Value): Value {
    if (w.startsWith('"')) return JSON.parse(w) as string;
    if (/^-?\d+(\.\d+)?$/.test(w)) return Number(w);
    if (w === 'true' || w === 'false') return w === 'true';
    if (w.startsWith('(')) return this.pipeline(w.slice(1, -1), dot);
    if (w.startsWith('.') || w.startsWith('$')) return this.path(w, dot);
    return this.call(w, [], dot);
  }

  pipeline(expr: string, dot: Value): Value {
    const ws = words(expr);
    let value: Value;
    let first = true;
    let cmd: string[] = [];
    const flush = () => {
      const [head, ...rest] = cmd;
      if (head === undefined) throw new Error(`empty command in "${expr}"`);
      const isFn = /^[a-zA-Z]\w*$/.test(head) && !['true', 'false'].includes(head);
      if (isFn) {
        const args = rest.map((w) => this.arg(w, dot));
        value = this.call(head, first ? args : [...args, value], dot);
      } else {
        if (rest.length > 0 || !first) throw new Error(`cannot apply "${head}" in "${expr}"`);
        value = this.arg(head, dot);
      }
      first = false;
      cmd = [];
    };
    for (const w of ws) {
      if (w === '|') flush();
      else cmd.push(w);
    }
    flush();
    return value;
  }

  call(fn: string, a: Value[], dot: Value): Value {
    switch (fn) {
      case 'quote':
        return JSON.stringify(show(a[0]));
      case 'required':
        if (!truthy(a[1]) && a[1] !== 0 && a[1] !== false) throw new Error(`required: ${String(a[0])}`);
        return a[1];
      case 'printf': {
        let k = 1;
        return String(a[0]).replace(/%[sdv]/g, () => show(a[k++]));
      }
      case 'include': {
        const body = this.defines.get(String(a[0]));
        if (!body) throw new Error(`no template "${String(a[0])}"`);
        return this.nodes(body, a[1]);
      }
      case 'eq':
        return a[0] === a[1];
      case 'not':
        return !truthy(a[0]);
      case 'default':
        return truthy(a[1]) ? a[1] : a[0];
      case 'toYaml':
        return a[0] === undefined || a[0] === null ? '' : stringify(a[0]).trimEnd();
      case 'indent':
      case 'nindent': {
        const pad = ' '.repeat(Number(a[0]));
        const body = show(a[1])
          .split('\n')
          .map((l) => pad + l)
          .join('\n');
        return fn === 'nindent' ? `\n${body}` : body;
      }
      case 'trunc':
        return show(a[1]).slice(0, Number(a[0]));
      case 'trimSuffix': {
        const s = show(a[1]);
        const suffix = String(a[0]);
        return suffix && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;
      }
      default:
        throw new Error(`function "${fn}" is outside the supported subset (dot ${typeof dot})`);
    }
  }

  nodes(list: Node[], dot: Value): string {
    let out = '';
    for (const n of list) {
      if (n.kind === 'text') out += n.text;
      else if (n.kind === 'action') out += show(this.pipeline(n.expr, dot));
      else if (n.kind === 'define') this.defines.set(n.name, n.body);
      else {
        const v = this.pipeline(n.expr, dot);
        if (truthy(v)) out += this.nodes(n.body, n.kind === 'with' ? v : dot);
        else out += this.nodes(n.otherwise, dot);
      }
    }
    return out;
  }
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? merge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

/** Renders every template of `chartDir` with `values.yaml` overlaid by `overrides`; the parsed documents. */
export function renderChart(
  chartDir: string,
  overrides: Record<string, unknown> = {},
  release = 'rel',
): Record<string, unknown>[] {
  const values = merge(parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) ?? {}, overrides);
  const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8')) as Record<string, unknown>;
  const r = new Renderer({ Values: values, Release: { Name: release, Namespace: 'default' }, Chart: chart });
  const dir = join(chartDir, 'templates');
  const files = readdirSync(dir).sort();
  const parsed = new Map(files.map((f) => [f, parseNodes(lex(readFileSync(join(dir, f), 'utf8')))]));
  // Helpers first: `define`s are visible to every template, as in Helm.
  for (const [f, nodes] of parsed) if (f.startsWith('_')) r.nodes(nodes, r.root);
  const docs: Record<string, unknown>[] = [];
  for (const [f, nodes] of parsed) {
    if (f.startsWith('_') || !f.endsWith('.yaml')) continue;
    const text = r.nodes(nodes, r.root);
    for (const part of text.split(/^---\s*$/m)) {
      const doc = parse(part) as Record<string, unknown> | null;
      if (doc) docs.push(doc);
    }
  }
  return docs;
}
