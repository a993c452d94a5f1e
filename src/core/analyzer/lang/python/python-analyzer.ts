import type { AnalysisResult, Analyzer, AnalyzerInput } from '../../types.js';
import { parseMetadata } from './parse-metadata.js';
import { parsePipfileLock } from './parse-pipfile-lock.js';
import { parsePoetryLock } from './parse-poetry-lock.js';
import { parseRequirements } from './parse-requirements.js';
import type { ParseResult } from './parse-result.js';
import { parseUvLock } from './parse-uv-lock.js';
import { type PythonFileKind, pythonFileKind } from './python-paths.js';

const parsers: Record<PythonFileKind, (text: string, path: string) => ParseResult> = {
  metadata: parseMetadata,
  'poetry-lock': parsePoetryLock,
  'pipfile-lock': parsePipfileLock,
  'uv-lock': parseUvLock,
  requirements: parseRequirements,
};

/** Python distributions: installed dist-info/egg-info metadata and project lockfiles. */
export const pythonAnalyzer = {
  name: 'lang/python',
  version: 1,
  maxFileSize: 64 * 1024 * 1024,
  wants: (info) => pythonFileKind(info.path) !== undefined,
  analyze(input: AnalyzerInput): AnalysisResult {
    const kind = pythonFileKind(input.path);
    if (kind === undefined) return {};
    try {
      return parsers[kind](input.content.toString('utf8'), input.path);
    } catch (err) {
      // Parsers do not throw by design; this is the last line of defence for a scan.
      return { unknowns: [{ path: input.path, reason: `parser failed: ${String(err).slice(0, 160)}` }] };
    }
  },
} satisfies Analyzer;
