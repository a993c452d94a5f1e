import { anywhere, defineFileAnalyzer } from '../../define-file-analyzer.js';
import type { ParseResult } from '../../parse-result.js';
import { parseMetadata } from './parse-metadata.js';
import { parsePipfileLock } from './parse-pipfile-lock.js';
import { parsePoetryLock } from './parse-poetry-lock.js';
import { parseRequirements } from './parse-requirements.js';
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
export const pythonAnalyzer = defineFileAnalyzer({
  name: 'lang/python',
  // 2: lockfile packages fold into installed distributions (a venv or site-packages can be anywhere).
  version: 2,
  maxFileSize: 64 * 1024 * 1024,
  kindOf: pythonFileKind,
  parsers,
  declaredFor: {
    'poetry-lock': anywhere,
    'pipfile-lock': anywhere,
    'uv-lock': anywhere,
    requirements: anywhere,
  },
});
