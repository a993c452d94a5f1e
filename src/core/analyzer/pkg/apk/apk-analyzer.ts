import type { Analyzer } from '../../types.js';
import { parseInstalled } from './parse-installed.js';

/** apk-tools v2 keeps its database in lib/apk/db; usr-merged systems (apk v3) in usr/lib/apk/db. */
const dbPaths = new Set(['lib/apk/db/installed', 'usr/lib/apk/db/installed']);

export const apkAnalyzer = {
  name: 'pkg/apk',
  // 2: a complete last record without a final newline is kept.
  version: 3,
  wants: (info) => dbPaths.has(info.path),
  analyze: (input) => parseInstalled(input.content.toString('utf8'), input.path),
} satisfies Analyzer;
