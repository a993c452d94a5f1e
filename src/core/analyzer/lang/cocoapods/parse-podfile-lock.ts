import { maxEntriesPerFile, type ParseResult, tooManyEntries } from '../../parse-result.js';
import type { FoundPackage } from '../../types.js';

/**
 * CocoaPods' `Podfile.lock` (YAML as `pod install` writes it): the `PODS:` list holds every
 * installed pod as `- Name (version)` (followed by `:` and its own dependencies, indented
 * further). A subspec (`Firebase/Analytics`) is part of its pod: reported once, as the pod.
 * Pods from git or a local path are listed under `EXTERNAL SOURCES:` / `CHECKOUT OPTIONS:`
 * and carry that origin. Read line by line: the layout is fixed.
 */
export function parsePodfileLock(text: string, path: string): ParseResult {
  const lines = text.split('\n');
  const pods = new Map<string, string>();
  const external = new Map<string, { kind: 'git' | 'path'; location: string }>();
  let section = '';
  let current: string | undefined;
  let bad = 0;
  const unknowns: ParseResult['unknowns'] = [];
  for (const raw of lines) {
    if (!raw.trim()) continue;
    if (!raw.startsWith(' ')) {
      section = raw.trim().replace(/:$/, '');
      current = undefined;
      continue;
    }
    if (section === 'PODS' && raw.startsWith('  - ')) {
      const m = /^ {2}- "?([^\s"(]+) \(([^)]+)\)"?:?$/.exec(raw);
      if (!m?.[1] || !m[2]) {
        bad++;
        continue;
      }
      if (pods.size >= maxEntriesPerFile) {
        unknowns.push(tooManyEntries(path, `more than ${maxEntriesPerFile}`));
        break;
      }
      const pod = m[1].split('/')[0] as string;
      if (!pods.has(pod)) pods.set(pod, m[2]);
    } else if (section === 'EXTERNAL SOURCES' || section === 'CHECKOUT OPTIONS') {
      const name = /^ {2}([^\s:]+):$/.exec(raw)?.[1];
      if (name) {
        current = name;
        continue;
      }
      const field = /^ {4}:(git|path|podspec): "?([^"]+)"?$/.exec(raw);
      if (current && field?.[1] && field[2] && !external.has(current))
        external.set(current, { kind: field[1] === 'git' ? 'git' : 'path', location: field[2] });
    }
  }
  if (pods.size === 0 && !text.includes('PODS:')) {
    return { packages: [], unknowns: [{ path, reason: 'not a Podfile.lock: no PODS section' }] };
  }
  const packages: FoundPackage[] = [...pods].map(([name, version]) => {
    const origin = external.get(name);
    return { type: 'cocoapods', name, version, ...(origin ? { origin } : {}) };
  });
  if (bad > 0) unknowns.push({ path, reason: `${bad} PODS lines are not "- Name (version)"` });
  return { packages, unknowns };
}
