import type { Dirent } from 'node:fs';
import { lstat, open, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnalysisResult, Analyzer, FileInfo } from '../analyzer/types.js';
import { magicsOf, runAnalyzer, selectAnalyzers, startsWith } from './file-analysis.js';
import type { FileResult, LayerResult } from './types.js';

export interface TreeWalkOptions {
  analyzers: readonly Analyzer[];
  tempDir: string;
  /** Paths under the root not to enter (e.g. `proc` for a live root filesystem). */
  skip?: readonly string[];
}

/** Names the unknowns the walk itself reports (a directory it could not list). */
export const treeWalkerName = 'source/dir';

/**
 * The directory counterpart of `walkLayer`: the same analyzers over the files of a
 * directory, as one layer. Symlinks are recorded, never followed, so nothing outside
 * the root is read (the applier resolves them inside the root, as for an image).
 * A file or directory that cannot be read becomes an unknown, never a failed scan.
 */
export async function walkTree(root: string, options: TreeWalkOptions): Promise<LayerResult> {
  const result: LayerResult = { diffID: '', whiteouts: [], opaqueDirs: [], symlinks: {}, results: [] };
  const pending: Promise<FileResult>[] = [];
  const skip = new Set(options.skip ?? []);
  const dirs = [''];
  for (let dir = dirs.pop(); dir !== undefined; dir = dirs.pop()) {
    let entries: Dirent[];
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch (err) {
      const reason = `directory not readable (${errorCode(err)}); the files in it were not analyzed`;
      result.results.push({
        analyzer: treeWalkerName,
        path: dir,
        result: { unknowns: [{ path: dir, reason }] },
      });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (skip.has(path)) continue;
      if (entry.isDirectory()) dirs.push(path);
      else if (entry.isSymbolicLink()) {
        const target = await readlink(join(root, path)).catch(() => undefined);
        if (target !== undefined) result.symlinks[path] = target;
      } else if (entry.isFile()) {
        await considerFile(root, path, options, result, pending);
      }
    }
  }
  result.results.push(...(await Promise.all(pending)));
  return result;
}

async function considerFile(
  root: string,
  path: string,
  options: TreeWalkOptions,
  result: LayerResult,
  pending: Promise<FileResult>[],
): Promise<void> {
  const full = join(root, path);
  const stats = await lstat(full).catch(() => undefined);
  if (!stats?.isFile()) return;
  const info: FileInfo = { path, size: stats.size, mode: stats.mode & 0o7777 };
  const { readable, tooLarge } = selectAnalyzers(options.analyzers, info);
  result.results.push(...tooLarge);
  if (readable.length === 0) return;
  let survivors = readable;
  let content: Buffer | undefined;
  try {
    const candidates = magicsOf(readable, info);
    if (candidates) {
      const head = await readHead(
        full,
        Math.max(1, ...candidates.flatMap((c) => c.magic.map((m) => m.length))),
      );
      survivors = candidates.filter((c) => c.magic.some((m) => startsWith(head, m))).map((c) => c.analyzer);
      if (survivors.length === 0) return;
    }
    content = await readFile(full);
  } catch (err) {
    const unreadable: AnalysisResult = { unknowns: [{ path, reason: `not readable (${errorCode(err)})` }] };
    for (const a of survivors) result.results.push({ analyzer: a.name, path, result: unreadable });
    return;
  }
  const file = { ...info, size: content.length };
  for (const analyzer of survivors) {
    const body = content;
    pending.push(
      runAnalyzer(analyzer, file, body, options.tempDir).then((r) => ({
        analyzer: analyzer.name,
        path,
        result: r,
      })),
    );
  }
}

async function readHead(path: string, size: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(size);
    const { bytesRead } = await handle.read(head, 0, size, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (err instanceof Error ? err.message : String(err));
}
