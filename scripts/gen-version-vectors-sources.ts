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

/** Real EVRs seen on EL, Fedora, SUSE, Amazon, Oracle, Photon, openEuler and Mariner systems. */
export const RPM_REAL = [
  '1.1.1k-9.el8_7',
  '1:1.1.1k-12.el8_9',
  '1:3.0.7-27.el9',
  '1:3.0.7-24.el9',
  '2.28-225.el9_3',
  '2.28-236.el9',
  '2.34-100.el9_4.2',
  '7.61.1-34.el8_10.2',
  '7.76.1-29.el9_4.1',
  '4.18.0-513.24.1.el8_9',
  '5.14.0-427.13.1.el9_4',
  '5.14.0-362.8.1.el9_3',
  '2.32.1-42.el8_8',
  '2.32.1-44.el8_9.1',
  '1.2.11-40.el9',
  '1.2.11-41.el9',
  '3.6.8-56.el8_9.3',
  '3.9.18-3.el9_4.3',
  '0.9.2-1',
  '1:2.02-156.el8',
  '2.02-150.el8',
  '32:9.11.36-11.el8_9',
  '1:9.16.23-0.16.el9_3',
  '2:8.2.2637-20.el9_1',
  '2:8.0.1763-19.el8_6.4',
  '3.0.0-150400.3.6.1',
  '1.1.1l-150400.7.60.2',
  '2.31-150300.63.1',
  '7.79.1-150400.5.24.1',
  '5.14.21-150500.55.39.1',
  '4.12.14-122.189.1',
  '2.6.0~rc1-1.fc39',
  '2.6.0-1.fc39',
  '6.5.6-300.fc39',
  '1.0^20230101git1234abc-1.fc39',
  '1.0-1.fc39',
  '0^20220101gitabcdef-3.fc38',
  '3.12.0~b3-1.fc39',
  '3.12.0-1.fc39',
  '1.3.0~rc2^20231010git-2.fc40',
  '5.4.17-2136.320.7.1.el8uek',
  '5.15.0-200.131.27.el9uek',
  '2.26-63.amzn2',
  '1:1.0.2k-24.amzn2.0.7',
  '1:3.0.8-1.amzn2023.0.10',
  '3.0.10-1.ph4',
  '1.1.1m-26.oe2203sp2',
  '1.1.1k-28.cm2',
  '2.9.13-6.el9_4',
  '2.9.13-5.el9_3',
  '1.46.5-3.el9',
  '252-32.el9_4',
  '252-18.el9',
  '4.16.1.3-29.el9',
  '4.16.1.3-25.el9',
  '1.0.6-1.el9~bootstrap',
  '1.0.6-1.el9',
  '0.4.0~git20200930-1',
];

/** Spellings PEP 440 normalises, and strings packaging rejects. */
export const PEP440_EXTRA = [
  '1.0',
  '1.0.0',
  '1.0.0.0',
  'v1.0',
  'V1.0',
  ' 1.0 ',
  '1!1.0',
  '0!1.0',
  '1.0a1',
  '1.0-alpha1',
  '1.0.alpha.1',
  '1.0A1',
  '1.0b2',
  '1.0beta2',
  '1.0c1',
  '1.0rc1',
  '1.0pre1',
  '1.0preview1',
  '1.0-1',
  '1.0.post1',
  '1.0post1',
  '1.0-r1',
  '1.0rev1',
  '1.0.dev1',
  '1.0dev',
  '1.0a1.dev1',
  '1.0.post1.dev1',
  '1.0+local',
  '1.0+Local.1',
  '1.0+local-1_2',
  '1.0+1',
  '1.0+a.1',
  '1.0+1.a',
  '1.0a',
  '1.0.post',
  '1.0-dev',
  '1.0_rc_1',
  'latest',
  '1.0-SNAPSHOT',
  '1.0.x',
  '2004d',
  '1.0+',
  '1.0+-a',
  'dev',
  '1.0..1',
  '1.0-beta-2',
  '1!',
  '.1',
  '1.0.0-rc.1+build.5',
  '2.0.0.dev0+abc',
  '0.1-20120101',
];

export const MAVEN_EXTRA = [
  '1',
  '1.0',
  '1.0.0',
  '1-0',
  '1.0-ga',
  '1.0-final',
  '1.0-release',
  '1.0-GA',
  '1.0-alpha',
  '1.0-alpha1',
  '1.0-a1',
  '1.0-beta',
  '1.0-b2',
  '1.0-milestone',
  '1.0-m3',
  '1.0-rc',
  '1.0-cr',
  '1.0-RC1',
  '1.0-CR1',
  '1.0-SNAPSHOT',
  '1.0-sp',
  '1.0-sp1',
  '1.0-foo',
  '1.0-bar',
  '1.0.1',
  '1.0-1',
  '1-1',
  '1.0.0.Final',
  '2.0.0.RELEASE',
  '1.0a',
  '1.0alpha-1',
  '1.0-alpha-1',
  '1.0.alpha.1',
  '1..0',
  '1.0-',
  '1.0--1',
  '1.0-0.1',
  '1.0-xyz-1',
  '1.0.0-jre',
  '31.1-jre',
  '31.1-android',
  '2.13.0-M1',
  '1.0.0-20200101.120000-1',
  '1.2.3-SNAPSHOT',
  'debian',
  '3.x',
  '1.2147483648',
  '1.9223372036854775808',
  '1.0-11',
  '1.0-9',
  // Qualifiers seen in real artifacts (JBoss/Hibernate/Netty Final, GA, Spring RELEASE
  // and release trains, SP service packs, Red Hat/JBoss vendor rebuilds, RC spelled after
  // a dot or a dash, JDK-style `_` updates, CR, Alpha/Beta with numbers).
  '1.0.Final',
  '5.4.32.Final',
  '4.1.100.Final',
  '1.0.GA',
  '3.2.0.GA',
  '1.0.RELEASE',
  '5.3.30.RELEASE',
  'Hoxton.RELEASE',
  'Hoxton.SR12',
  '2020.0.0-M1',
  '1.0.SP1',
  '3.0.SP1',
  '1.0.0.SP2',
  '7.1.SP4',
  '1.0-sp-1',
  '1.0-redhat-1',
  '1.0.redhat-1',
  '1.0.0.redhat-00001',
  '2.13.4.redhat-00001',
  '1.0.Final-redhat-1',
  '5.3.20.Final-redhat-00001',
  '1.0-jbossorg-1',
  '3.4.6-mapr-1710',
  '1.0.RC1',
  '1.0.0.RC1',
  '1.0.0-RC1',
  '1.0.0.RC2',
  '1.0.CR1',
  '5.0.0.CR1',
  '1.0.M1',
  '1.0-M1',
  '1.0.0.M1',
  '1.0.Beta1',
  '1.0.Alpha1',
  '6.0.0.Alpha7',
  '1.0.0.Beta2',
  '1.0-ga-1',
  '1.0-final-1',
  '1.0-1-SNAPSHOT',
  '1.8.0_292',
  '1.8.0',
  '1.8.0.1',
  '1_0',
  '1.0_1',
  '1.0_RC1',
  '2.2_1',
  '1.0.jre',
  '1.2.3-jdk8',
  '1.0.0-beta-1',
];

export const GO_EXTRA = [
  'v0.0.0-20191109021931-daa7c04131f5',
  'v0.0.0-20200101000000-000000000000',
  'v1.2.3',
  'v1.2.4-0.20191109021931-daa7c04131f5',
  'v1.2.4',
  'v1.2.4-pre',
  'v1.2.4-pre.0.20191109021931-daa7c04131f5',
  'v2.0.0+incompatible',
  'v2.0.0',
  'v2.0.1+incompatible',
  'v1',
  'v1.2',
  'v1.0.0',
  'v1.2.0',
  'v1.0.0-alpha',
  'v1.0.0-alpha.1',
  'v1.0.0-alpha.beta',
  'v1.0.0-beta.11',
  'v1.0.0-beta.2',
  'v1.0.0-rc.1',
  'v1.0.0+build',
  'v01.0.0',
  'v1.0.0-01',
  'v1.2-pre',
  'v1.0.0-',
  'v1.0.0+',
  'v99999999999999999999.0.0',
  'v1.0.0-x.7.z.92',
];

export const SEMVER_EXTRA = [
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-beta',
  '1.0.0-beta.2',
  '1.0.0-beta.11',
  '1.0.0-rc.1',
  '1.0.0',
  '1.0.0+build.1',
  'v1.0.0',
  '1.0.0-0',
  '1.0.0-00',
  '01.0.0',
  '1.0',
  '1.0.0-x-y-z.--',
  '1.0.0-1a',
  '1.0.0-a1',
  '1.0.0-9',
  '1.0.0-10',
  '9007199254740991.0.0',
  '9007199254740992.0.0',
];
