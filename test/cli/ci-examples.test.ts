/**
 * The ready-to-copy CI examples in deploy/ci/ parse (YAML through the `yaml` package, the
 * Jenkinsfile's brackets balanced) and every `bulwark ci` command in them goes through the
 * real command's parser and settings check: only real flags, values that validate. The
 * global config example uses only `ci` flag names.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { ciCommand } from '../../src/cli/commands/ci.js';
import { type CiFlags, toCiSettings } from '../../src/cli/commands/ci-options.js';

const read = (name: string) => readFileSync(new URL(`../../deploy/ci/${name}`, import.meta.url), 'utf8');

/** Values the CI system would fill in, so the settings check sees realistic input. */
function substitute(text: string): string {
  return text
    .replace(/\$\{\{\s*[\w.]*BULWARK_SERVER\s*\}\}|\$\{?BULWARK_SERVER\}?/g, 'https://bulwark.example.com')
    .replace(/\$\{?IMAGE_ID\}?/g, 'a1b2c3d4e5f6');
}

/** Shell words of one command line: quotes removed, backslash-newlines joined. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.replace(/\\\n/g, ' ').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g))
    out.push(m[1] ?? m[2] ?? (m[3] as string));
  return out;
}

/** Every `bulwark ci …` invocation in a text, as argument lists after `ci`. */
function invocations(text: string): string[][] {
  const joined = substitute(text).replace(/\\\n/g, ' ');
  return [...joined.matchAll(/bulwark ci\b([^\n]*)/g)].map((m) => words(m[1] as string));
}

/** Parses args with the real `bulwark ci` command (its action replaced), then checks the settings. */
function check(args: string[]): CiFlags {
  const command: Command = ciCommand();
  let flags: CiFlags | undefined;
  command.exitOverride().configureOutput({ writeErr: () => {} });
  command.action((opts: CiFlags) => {
    flags = opts;
  });
  command.parse(args, { from: 'user' });
  assert.ok(flags);
  toCiSettings(flags, { BULWARK_TOKEN: 'token', IMAGE_ID: 'a1b2c3d4e5f6' });
  return flags;
}

function stepsRunning(doc: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string' && v.includes('bulwark ci')) found.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(doc);
  return found;
}

describe('deploy/ci examples', () => {
  it('GitHub Actions workflow parses and its gate uses real flags', () => {
    const doc = parseYaml(read('github-actions.yml')) as { jobs: Record<string, { steps: unknown[] }> };
    assert.ok(doc.jobs.image?.steps.length);
    const runs = stepsRunning(doc);
    assert.equal(runs.length, 1);
    const [args] = runs.flatMap(invocations);
    const flags = check(args as string[]);
    assert.equal(flags.imageIds, undefined, 'image ids from IMAGE_ID (set through GITHUB_ENV)');
    assert.deepEqual(flags.excludeId, ['CVE-2023-4911']);
  });

  it('GitLab CI job parses and its gate uses real flags', () => {
    const doc = parseYaml(read('gitlab-ci.yml')) as Record<string, { stage?: string; script?: string[] }>;
    assert.equal(doc['bulwark-gate']?.stage, 'gate');
    const runs = stepsRunning(doc);
    assert.equal(runs.length, 1);
    const flags = check(runs.flatMap(invocations)[0] as string[]);
    assert.equal(flags.reportFormats, 'html,junit');
  });

  it('Jenkinsfile stage is balanced and its gate uses real flags', () => {
    const text = read('Jenkinsfile');
    const code = text.replace(/\/\/[^\n]*/g, '').replace(/'''[\s\S]*?'''/g, "''");
    for (const [open, close] of [
      ['{', '}'],
      ['(', ')'],
      ['[', ']'],
    ] as const)
      assert.equal(code.split(open).length, code.split(close).length, `${open}${close} balanced`);
    assert.match(text, /stage\('Bulwark CI gate'\)/);
    const all = invocations(text.replace(/^\s*\/\/[^\n]*/gm, ''));
    assert.equal(all.length, 1);
    const flags = check(all[0] as string[]);
    assert.deepEqual(flags.failOnSeverity, ['5=0,4=3']);
    assert.equal(flags.cvssVersion, '3');
  });

  it('the global config example names only `bulwark ci` flags, with valid values', () => {
    const doc = parseYaml(read('bulwark.yaml')) as { ci: Record<string, string | boolean> };
    const known = new Set(ciCommand().options.map((o) => o.long));
    const args: string[] = [];
    for (const [key, value] of Object.entries(doc.ci)) {
      assert.ok(known.has(`--${key}`), `ci has no flag --${key}`);
      args.push(`--${key}`, ...(value === true ? [] : [String(value)]));
    }
    check(args);
  });

  it('a made-up flag is caught by the same check', () => {
    assert.throws(() => check(['--server', 'https://x.example', '--fail-on-severty', '5=0']));
  });
});
