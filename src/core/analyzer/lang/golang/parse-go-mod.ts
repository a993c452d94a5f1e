import type { AnalysisResult, FoundPackage } from '../../types.js';
import { isLocalPath } from './parse-modinfo.js';

interface Replacement {
  fromVersion?: string;
  to: string;
  toVersion?: string;
}

/** go.mod files larger than this are not hand-written manifests; 4 MiB is ~50k requires. */
export const maxGoModSize = 4 * 1024 * 1024;

/**
 * Parses a go.mod: `require` lines and blocks (with or without `// indirect`) and
 * `replace` directives, applied the way the go command applies them (a versioned left
 * side replaces only that version). Since Go 1.17 go.mod lists every module in the
 * build; below it, the result asks for go.sum (`supplementedBy`). The main module itself is not
 * reported. The toolchain the module builds with is the standard library it will ship:
 * `toolchain go1.x.y`, else a full `go 1.x.y` line (a minimum, so low confidence), is
 * reported as `stdlib`, as Trivy does; `go 1.x` names a language version, no release.
 * A module replaced by a local directory is the project's own code: it carries a path origin.
 */
export function parseGoMod(text: string, path: string): AnalysisResult {
  if (text.length > maxGoModSize) {
    return { unknowns: [{ path, reason: `go.mod larger than ${maxGoModSize} bytes` }] };
  }
  const requires: { path: string; version: string }[] = [];
  const replaces = new Map<string, Replacement[]>();
  let block: string | undefined;
  let sawModule = false;
  let goLine: string | undefined;
  let toolchain: string | undefined;
  const bad: number[] = [];

  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = stripComment(lines[i] ?? '').trim();
    if (!line) continue;
    if (block !== undefined) {
      if (line === ')') {
        block = undefined;
        continue;
      }
      if (!directive(block, tokens(line))) bad.push(i + 1);
      continue;
    }
    const toks = tokens(line);
    const verb = toks[0] ?? '';
    if (toks.length === 2 && toks[1] === '(') {
      block = verb;
      continue;
    }
    if (verb === 'module') sawModule = true;
    if (!directive(verb, toks.slice(1))) bad.push(i + 1);
  }
  if (!sawModule && requires.length === 0) {
    return { unknowns: [{ path, reason: 'not a go.mod: no module or require directive' }] };
  }

  const packages: FoundPackage[] = requires.map((req) => {
    const r = (replaces.get(req.path) ?? []).find(
      (x) => x.fromVersion === undefined || x.fromVersion === req.version,
    );
    if (r?.toVersion && !isLocalPath(r.to)) return { type: 'golang', name: r.to, version: r.toVersion };
    if (r) {
      const pkg: FoundPackage = { type: 'golang', name: req.path, version: req.version, confidence: 'low' };
      if (isLocalPath(r.to)) pkg.origin = { kind: 'path', location: r.to };
      return pkg;
    }
    return { type: 'golang', name: req.path, version: req.version };
  });
  const std = stdlibFrom(toolchain, goLine);
  if (std) packages.push(std);
  const unknowns = bad.length
    ? [{ path, reason: `unparsable go.mod line(s): ${bad.slice(0, 5).join(', ')}` }]
    : [];
  // Below Go 1.17 (and with no `go` line, which means 1.16) go.mod lists only direct
  // requirements: the rest of the build list is in go.sum beside it.
  return belowGo117(goLine) ? { packages, unknowns, supplementedBy: 'go.sum' } : { packages, unknowns };

  /** Applies one directive; false when its shape is wrong. */
  function directive(verb: string, args: string[]): boolean {
    switch (verb) {
      case 'require': {
        const [mod, version] = args;
        if (!mod || !version) return false;
        requires.push({ path: mod, version });
        return true;
      }
      case 'replace': {
        const arrow = args.indexOf('=>');
        if (arrow !== 1 && arrow !== 2) return false;
        const from = args[0] ?? '';
        const to = args[arrow + 1];
        if (!to) return false;
        const rep: Replacement = { to };
        if (arrow === 2) rep.fromVersion = args[1];
        if (args[arrow + 2]) rep.toVersion = args[arrow + 2];
        // Specific-version replacements win over wildcard ones, as in cmd/go.
        const list = replaces.get(from) ?? [];
        if (rep.fromVersion) list.unshift(rep);
        else list.push(rep);
        replaces.set(from, list);
        return true;
      }
      case 'go':
        goLine = args[0];
        return true;
      case 'toolchain':
        toolchain = args[0];
        return true;
      default:
        // module, exclude, retract, godebug and future verbs carry no packages.
        return true;
    }
  }
}

const release = /^1\.\d+\.\d+$/;

/** `go 1.16`, `go 1.12.3`, or no `go` line at all; a later or unreadable one is not. */
export function belowGo117(goLine: string | undefined): boolean {
  if (goLine === undefined) return true;
  const m = /^1\.(\d+)(?:\.\d+)?$/.exec(goLine);
  return m !== null && Number(m[1]) < 17;
}

/** `toolchain go1.22.5` → 1.22.5; else `go 1.21.3` → 1.21.3 (low: the least it builds with). */
function stdlibFrom(toolchain: string | undefined, goLine: string | undefined): FoundPackage | undefined {
  const named = toolchain?.startsWith('go') ? toolchain.slice(2).split('-')[0] : undefined;
  if (named && release.test(named)) return { type: 'golang', name: 'stdlib', version: named };
  if (goLine && release.test(goLine))
    return { type: 'golang', name: 'stdlib', version: goLine, confidence: 'low' };
  return undefined;
}

function stripComment(line: string): string {
  const at = line.indexOf('//');
  return at < 0 ? line : line.slice(0, at);
}

/** Splits on blanks, unquoting "double-quoted" and `back-quoted` module paths. */
function tokens(line: string): string[] {
  return line
    .split(/[ \t]+/)
    .filter(Boolean)
    .map((t) => (t.length >= 2 && (t[0] === '"' || t[0] === '`') && t.at(-1) === t[0] ? t.slice(1, -1) : t));
}
