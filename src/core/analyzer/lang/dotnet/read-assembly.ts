import { readPeVersionInfo } from '../../binary/pe.js';
import type { AnalysisResult } from '../../types.js';

/** `.dll` and `.exe` files: where a published .NET app keeps its assemblies. */
export function isAssemblyName(path: string): boolean {
  const lower = path.slice(-4).toLowerCase();
  return lower === '.dll' || lower === '.exe';
}

function stripExtension(name: string): string {
  return name.replace(/\.(dll|exe)$/i, '');
}

/**
 * A .NET assembly's version resource (`AssemblyInformationalVersion` as `ProductVersion`,
 * else `FileVersion`), reported as the NuGet package of the same name: assemblies are
 * usually named after their package, which is a heuristic, so confidence is low. The
 * name comes from `OriginalFilename`/`InternalName` (what the compiler wrote), else the
 * file name. Native Windows DLLs (no CLR header) are not NuGet packages and yield nothing.
 * The package is declared for its own directory: where a `*.deps.json` there lists it,
 * it becomes one more location of that package instead of a second one.
 */
export function readAssembly(path: string, content: Buffer): AnalysisResult {
  const read = readPeVersionInfo(content);
  if (!read.ok) return read.reason === 'not a PE file' ? {} : { unknowns: [{ path, reason: read.reason }] };
  if (!read.info.managed) return {};
  const s = read.info.strings;
  const version = (s.ProductVersion || s.FileVersion || '').split('+')[0]?.trim() ?? '';
  if (!version) return { unknowns: [{ path, reason: '.NET assembly without a version resource' }] };
  const file = path.slice(path.lastIndexOf('/') + 1);
  const name = stripExtension(s.OriginalFilename || s.InternalName || file);
  const dir = path.slice(0, Math.max(0, path.lastIndexOf('/')));
  return { packages: [{ type: 'nuget', name, version, confidence: 'low', declaredFor: dir }] };
}
