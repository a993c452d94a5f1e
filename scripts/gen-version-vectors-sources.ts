/**
 * Where the version strings for the differential vectors come from: real package
 * lists on this machine and the real OSV fixtures in /work/shared/fixtures.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export const FIXTURES = '/work/shared/fixtures/osv';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function extract<T>(tarball: string, fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-osv-'));
  try {
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface OsvLike {
  affected?: { versions?: string[]; ranges?: { type?: string; events?: Record<string, string>[] }[] }[];
}

function osvVersions(records: OsvLike[], rangeType?: string): string[] {
  const out = new Set<string>();
  for (const r of records) {
    for (const a of r.affected ?? []) {
      for (const v of a.versions ?? []) out.add(String(v));
      for (const range of a.ranges ?? []) {
        if (range.type === 'GIT' || (rangeType && range.type !== rangeType)) continue;
        for (const e of range.events ?? []) for (const v of Object.values(e)) out.add(String(v));
      }
    }
  }
  out.delete('0');
  return [...out];
}

/** Every `Version:` in the apt package lists, with the package it belongs to. */
export function debianVersions(): { versions: string[]; byPackage: Map<string, Set<string>> } {
  const text = execFileSync('apt-cache', ['dumpavail'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const byPackage = new Map<string, Set<string>>();
  let pkg = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('Package: ')) pkg = line.slice(9).trim();
    else if (line.startsWith('Version: ')) {
      const v = line.slice(9).trim();
      const set = byPackage.get(pkg) ?? new Set<string>();
      byPackage.set(pkg, set);
      set.add(v);
    } else if (line.startsWith('Source: ')) {
      // "Source: name (version)" carries the source version when it differs.
      const m = /\(([^)]+)\)/.exec(line);
      if (m) byPackage.get(pkg)?.add(m[1]!);
    }
  }
  const versions = new Set<string>();
  for (const s of byPackage.values()) for (const v of s) versions.add(v);
  return { versions: [...versions], byPackage };
}

/** Versions from pypa/advisory-database (affected[].versions and range events). */
export function pypiVersions(): string[] {
  return extract(join(FIXTURES, 'pypa-advisory-database-vulns.tar.gz'), (dir) => {
    const records = walk(dir)
      .filter((p) => p.endsWith('.yaml'))
      .map((p) => parseYaml(readFileSync(p, 'utf8'), { schema: 'failsafe' }) as OsvLike);
    return osvVersions(records);
  });
}

/** Versions from the Go vulndb OSV export (SEMVER ranges; written without the `v`). */
export function goVulndbVersions(): string[] {
  return extract(join(FIXTURES, 'golang-vulndb-data-osv.tar.gz'), (dir) => {
    const records = walk(dir)
      .filter((p) => p.endsWith('.json'))
      .map((p) => JSON.parse(readFileSync(p, 'utf8')) as OsvLike);
    return osvVersions(records);
  });
}

/** `version` of every package.json under node_modules: real npm releases. */
export function npmVersions(root: string): string[] {
  const out = new Set<string>();
  const visit = (dir: string, depth: number): void => {
    if (depth > 6 || !existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name === 'package.json') {
        try {
          const v = (JSON.parse(readFileSync(p, 'utf8')) as { version?: unknown }).version;
          if (typeof v === 'string') out.add(v);
        } catch {
          // not every package.json under node_modules is JSON we can read; skip it
        }
      } else if (statSync(p).isDirectory()) visit(p, depth + 1);
    }
  };
  visit(join(root, 'node_modules'), 0);
  return [...out];
}

/** Artifact versions in the local Maven repositories (the folder holding each .pom). */
export function mavenRepoVersions(): string[] {
  const out = new Set<string>();
  for (const root of [join(process.env.HOME ?? '/root', '.m2/repository'), '/usr/share/maven-repo']) {
    if (!existsSync(root)) continue;
    for (const p of walk(root)) {
      if (!p.endsWith('.pom')) continue;
      const parts = p.split('/');
      out.add(parts[parts.length - 2]!);
    }
  }
  return [...out];
}
