import { maxEntriesPerFile, type ParseResult } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';
import { scanXmlElements } from './scan-xml-elements.js';

/**
 * NuGet references declared in MSBuild and NuGet XML files:
 * - `packages.config`: `<package id version developmentDependency>`;
 * - `*.csproj`/`*.fsproj`/`*.vbproj`: `<PackageReference Include Version>` (or a
 *   `<Version>` child, or `VersionOverride`);
 * - `Directory.Packages.props` (central package management): `<PackageVersion Include Version>`.
 * A reference without a version in a project file takes it from Directory.Packages.props,
 * which is read on its own. What is not one exact version — an MSBuild property
 * (`$(JsonVersion)`), a range (`[1.0,2.0)`), a floating `6.*` — cannot be resolved
 * offline and is counted in an unknown, never guessed. `[1.2.3]` is exact.
 */
export type MsbuildKind = 'packages.config' | 'project' | 'central';

export function parseMsbuild(kind: MsbuildKind, text: string, path: string): ParseResult {
  const element =
    kind === 'packages.config' ? 'package' : kind === 'project' ? 'PackageReference' : 'PackageVersion';
  const packages: FoundPackage[] = [];
  const unresolved: string[] = [];
  for (const e of scanXmlElements(text, [element])) {
    if (packages.length >= maxEntriesPerFile) break;
    const name = kind === 'packages.config' ? e.attributes.id : (e.attributes.Include ?? e.attributes.Update);
    if (!name) continue;
    const declared =
      kind === 'packages.config'
        ? e.attributes.version
        : (e.attributes.VersionOverride ??
          e.attributes.Version ??
          e.children.VersionOverride ??
          e.children.Version);
    // A project reference without a version is centrally managed: Directory.Packages.props reports it.
    if (declared === undefined && kind === 'project') continue;
    const version = exactVersion(declared ?? '');
    if (!version) {
      unresolved.push(`${name} ${declared ?? '(no version)'}`);
      continue;
    }
    const dev =
      e.attributes.developmentDependency === 'true' || e.attributes.PrivateAssets?.toLowerCase() === 'all';
    packages.push({ type: 'nuget', name, version, ...(dev ? { dev: true } : {}) });
  }
  const unknowns: ParseResult['unknowns'] = [];
  if (unresolved.length > 0) {
    unknowns.push({
      path,
      reason: `${unresolved.length} references without an exact version (not resolvable offline): ${unresolved.slice(0, 3).join(', ').slice(0, 160)}`,
    });
  }
  return { packages, unknowns };
}

/** `13.0.1` or `[13.0.1]` → `13.0.1`; properties, ranges and floating versions → undefined. */
function exactVersion(declared: string): string | undefined {
  const v = declared.trim();
  const pinned = /^\[([^,\]]+)\]$/.exec(v);
  const candidate = pinned ? pinned[1]!.trim() : v;
  return /^\d+(\.\d+){0,3}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(candidate) ? candidate : undefined;
}
