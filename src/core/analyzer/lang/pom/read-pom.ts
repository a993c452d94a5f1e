import { isRecord } from '../../parse-result.js';
import { child, childText, parseXml, type XmlNode } from './xml-tree.js';

/** A dependency as the POM writes it: values may hold `${…}` and the version may be absent. */
export interface PomDependency {
  groupId: string;
  artifactId: string;
  version?: string;
  scope?: string;
  type?: string;
}

/**
 * What one pom.xml says, before anything is resolved: the applier resolves it against its
 * parents in the same image (`resolve-pom.ts`), since one file alone rarely has every
 * version. Plain data, so it is cached with the layer.
 */
export interface PomFacts {
  groupId?: string;
  artifactId?: string;
  version?: string;
  parent?: { groupId: string; artifactId: string; version: string; relativePath: string };
  properties: Record<string, string>;
  managed: PomDependency[];
  dependencies: PomDependency[];
}

/** Most dependencies one POM may declare; past this the file is hostile. */
const maxDependencies = 20_000;

function dependencyList(node: XmlNode | undefined): PomDependency[] {
  const out: PomDependency[] = [];
  for (const dep of node?.children ?? []) {
    if (dep.name !== 'dependency' || out.length >= maxDependencies) continue;
    const groupId = childText(dep, 'groupId');
    const artifactId = childText(dep, 'artifactId');
    if (!groupId || !artifactId) continue;
    const d: PomDependency = { groupId, artifactId };
    const version = childText(dep, 'version');
    const scope = childText(dep, 'scope');
    const type = childText(dep, 'type');
    if (version) d.version = version;
    if (scope) d.scope = scope;
    if (type) d.type = type;
    out.push(d);
  }
  return out;
}

/** The facts of a POM, or a reason it is not one. */
export function readPom(text: string): { facts: PomFacts } | { reason: string } {
  const project = parseXml(text);
  if (!project) return { reason: 'malformed XML' };
  if (project.name !== 'project') return { reason: `not a POM: root element <${project.name}>` };
  const properties: Record<string, string> = {};
  for (const p of child(project, 'properties')?.children ?? []) properties[p.name] = p.text.trim();
  const facts: PomFacts = {
    properties,
    managed: dependencyList(child(child(project, 'dependencyManagement'), 'dependencies')),
    dependencies: dependencyList(child(project, 'dependencies')),
  };
  const groupId = childText(project, 'groupId');
  const artifactId = childText(project, 'artifactId');
  const version = childText(project, 'version');
  if (groupId) facts.groupId = groupId;
  if (artifactId) facts.artifactId = artifactId;
  if (version) facts.version = version;
  const parent = child(project, 'parent');
  if (parent) {
    const pg = childText(parent, 'groupId');
    const pa = childText(parent, 'artifactId');
    const pv = childText(parent, 'version');
    // An empty <relativePath/> means "not in this project": look only in the repository.
    const rel = child(parent, 'relativePath');
    if (pg && pa && pv) {
      facts.parent = {
        groupId: pg,
        artifactId: pa,
        version: pv,
        relativePath: rel === undefined ? '../pom.xml' : rel.text.trim(),
      };
    }
  }
  return { facts };
}

/** The shape check for facts read back from the layer cache. */
export function isPomFacts(value: unknown): value is PomFacts {
  return (
    isRecord(value) &&
    isRecord(value.properties) &&
    Array.isArray(value.managed) &&
    Array.isArray(value.dependencies) &&
    [...value.managed, ...value.dependencies].every(
      (d) => isRecord(d) && typeof d.groupId === 'string' && typeof d.artifactId === 'string',
    )
  );
}
