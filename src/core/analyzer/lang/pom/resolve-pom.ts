import { dirname, joinPath } from '../../../layer/entry-path.js';
import type { ParseResult } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import type { PomFacts } from './read-pom.js';

/** Maven's own limit on parent chains is far above real projects; this stops a cycle. */
const maxChain = 32;

interface Link {
  path: string;
  facts: PomFacts;
}

/**
 * The parent of a POM inside the image: `relativePath` (default `../pom.xml`; a directory
 * means its pom.xml), and only when that file says it is the parent named (group, artifact,
 * version), as Maven checks. Undefined when the parent is not in the project: it would come
 * from a repository, which a scan does not reach.
 */
function parentOf(link: Link, lookup: (path: string) => PomFacts | undefined): Link | undefined {
  const parent = link.facts.parent;
  if (!parent || parent.relativePath === '') return undefined;
  let target = lexicalJoin(dirname(link.path), parent.relativePath);
  if (target === undefined) return undefined;
  if (!target.endsWith('.xml')) target = joinPath(target, 'pom.xml');
  const facts = lookup(target);
  if (!facts) return undefined;
  const groupId = facts.groupId ?? facts.parent?.groupId;
  const version = facts.version ?? facts.parent?.version;
  if (groupId !== parent.groupId || facts.artifactId !== parent.artifactId || version !== parent.version)
    return undefined;
  return { path: target, facts };
}

/** `dir` + a relative path, `..` resolved; undefined when it climbs above the image root. */
function lexicalJoin(dir: string, relative: string): string | undefined {
  const parts = dir === '' ? [] : dir.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Resolves a POM's declared dependencies the way Maven builds its effective model, as far as
 * the project's own files allow: properties and `dependencyManagement` inherited along the
 * parent chain (nearer wins), `${project.*}` built-ins. Test-scoped dependencies are dev.
 * A value that still needs something from outside the image (a parent or an imported BOM
 * from a repository, a `-D` property) is never guessed: the package is reported with an
 * empty version and low confidence, and one unknown per file names what is missing.
 */
export function resolvePom(
  path: string,
  facts: PomFacts,
  lookup: (path: string) => PomFacts | undefined,
): ParseResult {
  const chain: Link[] = [{ path, facts }];
  const seen = new Set([path]);
  let outside: string | undefined;
  for (let link = chain[0] as Link; chain.length < maxChain; ) {
    const next = parentOf(link, lookup);
    if (!next) {
      if (link.facts.parent)
        outside = `${link.facts.parent.groupId}:${link.facts.parent.artifactId}:${link.facts.parent.version}`;
      break;
    }
    if (seen.has(next.path)) break;
    seen.add(next.path);
    chain.push(next);
    link = next;
  }

  const props = new Map<string, string>();
  for (const link of [...chain].reverse())
    for (const [k, v] of Object.entries(link.facts.properties)) props.set(k, v);
  const self = facts;
  const builtins: Record<string, string | undefined> = {
    'project.groupId': self.groupId ?? self.parent?.groupId,
    'project.artifactId': self.artifactId,
    'project.version': self.version ?? self.parent?.version,
    'project.parent.groupId': self.parent?.groupId,
    'project.parent.artifactId': self.parent?.artifactId,
    'project.parent.version': self.parent?.version,
  };
  for (const [k, v] of Object.entries(builtins)) {
    if (v === undefined) continue;
    props.set(k, v);
    props.set(k.replace(/^project\./, 'pom.'), v);
  }
  const interpolate = (value: string): string => {
    let out = value;
    for (let i = 0; i < 10 && out.includes('${'); i++) {
      out = out.replace(/\$\{([^}]+)\}/g, (whole, key: string) => props.get(key) ?? whole);
    }
    return out;
  };

  const managed = new Map<string, string>();
  let imports = false;
  for (const link of [...chain].reverse()) {
    for (const m of link.facts.managed) {
      if (m.scope === 'import') {
        imports = true;
        continue;
      }
      if (m.version) managed.set(`${interpolate(m.groupId)}:${interpolate(m.artifactId)}`, m.version);
    }
  }

  const packages: FoundPackage[] = [];
  const missing: string[] = [];
  for (const dep of facts.dependencies) {
    const groupId = interpolate(dep.groupId);
    const artifactId = interpolate(dep.artifactId);
    if (groupId.includes('${') || artifactId.includes('${')) {
      missing.push(`${dep.groupId}:${dep.artifactId}`);
      continue;
    }
    const raw: string | undefined = dep.version ?? managed.get(`${groupId}:${artifactId}`);
    const version = raw === undefined ? undefined : interpolate(raw);
    const dev = dep.scope === 'test' ? { dev: true } : {};
    if (version === undefined || version.includes('${') || version === '') {
      missing.push(`${groupId}:${artifactId}${raw ? ` (${raw})` : ''}`);
      packages.push({
        type: 'maven',
        namespace: groupId,
        name: artifactId,
        version: '',
        confidence: 'low',
        ...dev,
      });
      continue;
    }
    packages.push({ type: 'maven', namespace: groupId, name: artifactId, version, ...dev });
  }
  const unknowns: ParseResult['unknowns'] = [];
  if (missing.length > 0) {
    const why = [outside && `parent ${outside} is not in the image`, imports && 'an imported BOM is not read']
      .filter(Boolean)
      .join('; ');
    unknowns.push({
      path,
      reason: `${missing.length} dependency version(s) not resolvable offline${why ? ` (${why})` : ''}: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
    });
  }
  return { packages, unknowns };
}
