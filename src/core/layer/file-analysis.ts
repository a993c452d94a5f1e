import { type AnalysisResult, type Analyzer, defaultMaxFileSize, type FileInfo } from '../analyzer/types.js';
import type { FileResult } from './types.js';

/**
 * The part of a walk that is the same for a layer tar and a directory: which
 * analyzers a file goes to, which of them it is too large for, and running one
 * analyzer without letting it stop the scan.
 */
export function selectAnalyzers(
  analyzers: readonly Analyzer[],
  info: FileInfo,
): { readable: Analyzer[]; tooLarge: FileResult[] } {
  const readable: Analyzer[] = [];
  const tooLarge: FileResult[] = [];
  for (const a of analyzers) {
    if (!a.wants(info)) continue;
    if (info.size <= (a.maxFileSize ?? defaultMaxFileSize)) {
      readable.push(a);
      continue;
    }
    const reason = `file too large to analyze (${info.size} bytes)`;
    tooLarge.push({ analyzer: a.name, path: info.path, result: { unknowns: [{ path: info.path, reason }] } });
  }
  return { readable, tooLarge };
}

/** The magic numbers of every analyzer, or undefined when one of them reads every wanted file. */
export function magicsOf(
  readable: readonly Analyzer[],
  info: FileInfo,
): { analyzer: Analyzer; magic: readonly Uint8Array[] }[] | undefined {
  const magics = readable.map((a) => a.magic?.(info));
  if (!magics.every((m) => m !== undefined)) return undefined;
  return readable.map((analyzer, i) => ({ analyzer, magic: magics[i] ?? [] }));
}

export function startsWith(bytes: Buffer, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Runs an analyzer; a throw (which analyzers must not do) becomes an unknown. */
export function runAnalyzer(
  analyzer: Analyzer,
  info: FileInfo,
  content: Buffer,
  tempDir: string,
): Promise<AnalysisResult> {
  return Promise.resolve()
    .then(() => analyzer.analyze({ ...info, content, tempDir }))
    .catch((err: unknown) => ({
      unknowns: [
        { path: info.path, reason: `analyzer failed: ${err instanceof Error ? err.message : String(err)}` },
      ],
    }));
}
