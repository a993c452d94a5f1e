import type { ZipEntry, ZipLimits } from '../../../archive/zip-reader.js';
import { defaultZipLimits, listZip, readZipEntry } from '../../../archive/zip-reader.js';
import type { AnalysisResult, FoundPackage } from '../../types.js';
import {
  manifestIdentity,
  nameVersionFromFileName,
  parseManifest,
  parseProperties,
} from './parse-java-metadata.js';

export interface ArchiveLimits extends ZipLimits {
  /** Archives inside archives inside…: the top file is depth 0. */
  maxDepth: number;
  /** Bytes all nested archives of one file may inflate to, together. */
  maxTotalInflated: number;
  /** pom.properties and MANIFEST.MF are small; bigger ones are not read. */
  maxMetadataSize: number;
}

export const defaultArchiveLimits: ArchiveLimits = {
  ...defaultZipLimits,
  maxDepth: 4,
  maxTotalInflated: 512 * 1024 * 1024,
  maxMetadataSize: 1024 * 1024,
};

const archiveSuffixes = ['.jar', '.war', '.ear', '.jpi', '.hpi'];

export function isJavaArchiveName(name: string): boolean {
  const lower = name.toLowerCase();
  return archiveSuffixes.some((s) => lower.endsWith(s));
}

type Unknowns = NonNullable<AnalysisResult['unknowns']>;

/**
 * Identifies the Maven artifacts in a JAR/WAR/EAR/JPI/HPI and, recursively, in the
 * archives it holds (WEB-INF/lib, BOOT-INF/lib, EAR modules):
 * 1. each `pom.properties` naming groupId, artifactId and version → high confidence
 *    (a shaded jar holds several, all reported; Maven writes them under
 *    `META-INF/maven/<group>/<artifact>/`, shading and other tools elsewhere);
 * 2. otherwise MANIFEST.MF titles and versions → low confidence (no Maven group);
 * 3. otherwise the file name `name-1.2.3.jar` → low confidence.
 * Packages inside a nested archive carry `outer.war!/WEB-INF/lib/inner.jar` as path.
 */
export function parseJavaArchive(
  path: string,
  content: Buffer,
  limits: ArchiveLimits = defaultArchiveLimits,
): AnalysisResult {
  const packages: FoundPackage[] = [];
  const unknowns: Unknowns = [];
  const budget = { left: limits.maxTotalInflated };
  walk(path, content, 0);
  return { packages, unknowns };

  function walk(where: string, buf: Buffer, depth: number): void {
    const listing = listZip(buf, limits);
    if (!listing.ok) {
      unknowns.push({ path: where, reason: listing.reason });
      return;
    }
    const entries = listing.entries;
    const found = fromPomProperties(where, buf, entries);
    if (found.length === 0) found.push(...fromManifestOrName(where, buf, entries));
    packages.push(...found);

    for (const entry of entries) {
      if (entry.name.endsWith('/') || !isJavaArchiveName(entry.name)) continue;
      const inner = `${where}!/${entry.name}`;
      if (depth + 1 > limits.maxDepth) {
        unknowns.push({
          path: inner,
          reason: `archive nested deeper than ${limits.maxDepth} levels, not read`,
        });
        continue;
      }
      if (entry.size > budget.left) {
        unknowns.push({
          path: inner,
          reason: `nested archives of ${path} inflate past ${limits.maxTotalInflated} bytes (zip bomb?)`,
        });
        continue;
      }
      const read = readZipEntry(buf, entry, limits);
      if (!read.ok) {
        unknowns.push({ path: where, reason: read.reason });
        continue;
      }
      budget.left -= read.data.length;
      walk(inner, read.data, depth + 1);
    }
  }

  function text(where: string, buf: Buffer, entry: ZipEntry): string | undefined {
    if (entry.size > limits.maxMetadataSize) {
      unknowns.push({
        path: where,
        reason: `${entry.name} is larger than ${limits.maxMetadataSize} bytes, not read`,
      });
      return undefined;
    }
    const read = readZipEntry(buf, entry, limits);
    if (!read.ok) {
      unknowns.push({ path: where, reason: read.reason });
      return undefined;
    }
    return read.data.toString('utf8');
  }

  function fromPomProperties(where: string, buf: Buffer, entries: ZipEntry[]): FoundPackage[] {
    const out: FoundPackage[] = [];
    for (const e of entries) {
      if (e.name !== 'pom.properties' && !e.name.endsWith('/pom.properties')) continue;
      const body = text(where, buf, e);
      if (body === undefined) continue;
      const props = parseProperties(body);
      const group = props.get('groupId');
      const artifact = props.get('artifactId');
      const version = props.get('version');
      if (!group || !artifact || !version) {
        // Under META-INF/maven/ it is Maven's own file, damaged; elsewhere it may be anything.
        if (e.name.startsWith('META-INF/maven/'))
          unknowns.push({ path: where, reason: `${e.name} lacks groupId, artifactId or version` });
        continue;
      }
      out.push({ type: 'maven', namespace: group, name: artifact, version, confidence: 'high', path: where });
    }
    return out;
  }

  function fromManifestOrName(where: string, buf: Buffer, entries: ZipEntry[]): FoundPackage[] {
    const mf = entries.find((e) => e.name.toUpperCase() === 'META-INF/MANIFEST.MF');
    if (mf) {
      const body = text(where, buf, mf);
      const id = body === undefined ? {} : manifestIdentity(parseManifest(body));
      if (id.name && id.version) {
        const pkg: FoundPackage = {
          type: 'maven',
          name: id.name,
          version: id.version,
          confidence: 'low',
          path: where,
        };
        if (id.group) pkg.namespace = id.group;
        return [pkg];
      }
    }
    const fileName = where.slice(Math.max(where.lastIndexOf('/'), where.lastIndexOf('!')) + 1);
    const guess = nameVersionFromFileName(fileName);
    if (guess)
      return [{ type: 'maven', name: guess.name, version: guess.version, confidence: 'low', path: where }];
    unknowns.push({ path: where, reason: 'no pom.properties, manifest version or versioned file name' });
    return [];
  }
}
