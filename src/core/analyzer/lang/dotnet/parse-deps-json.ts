import type { AnalysisResult, FoundPackage } from '../../types.js';

/** deps.json files past this size are reported, not parsed (the biggest real ones are a few MiB). */
export const maxDepsJsonSize = 64 * 1024 * 1024;

type Unknowns = NonNullable<AnalysisResult['unknowns']>;

/**
 * Parses `<app>.deps.json`, written by the .NET SDK next to every built application
 * (format: dotnet/sdk documentation/specs/runtime-configuration-file.md). Its
 * `libraries` object is keyed `Name/Version`; only entries of type `package` (NuGet
 * packages) are reported. `project` entries are the application's own assemblies,
 * `reference` and `runtimepack` entries are framework parts the runtime ships.
 */
export function parseDepsJson(text: string, path: string): AnalysisResult {
  if (text.length > maxDepsJsonSize) {
    return { unknowns: [{ path, reason: `deps.json larger than ${maxDepsJsonSize} bytes (too large)` }] };
  }
  const doc = parseJson(text, path);
  if ('unknowns' in doc) return doc;
  const libraries = (doc.value as { libraries?: unknown } | null)?.libraries;
  if (typeof libraries !== 'object' || libraries === null || Array.isArray(libraries)) {
    return { unknowns: [{ path, reason: 'deps.json has no libraries object' }] };
  }
  const packages: FoundPackage[] = [];
  const unknowns: Unknowns = [];
  for (const [key, lib] of Object.entries(libraries as Record<string, unknown>)) {
    if ((lib as { type?: unknown } | null)?.type !== 'package') continue;
    const slash = key.indexOf('/');
    const name = key.slice(0, slash);
    const version = key.slice(slash + 1);
    if (slash <= 0 || !version) {
      unknowns.push({ path, reason: `library key ${JSON.stringify(key.slice(0, 100))} is not Name/Version` });
      continue;
    }
    packages.push({ type: 'nuget', name, version });
  }
  return { packages, unknowns };
}

export function parseJson(text: string, path: string): { value: unknown } | { unknowns: Unknowns } {
  try {
    // A UTF-8 byte order mark is common in files written on Windows.
    return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) };
  } catch (err) {
    return { unknowns: [{ path, reason: `invalid JSON: ${(err as Error).message}` }] };
  }
}
