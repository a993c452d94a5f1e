import type { FoundPackage } from '../core/analyzer/types.js';

/** `name@version` plus ` dev` when flagged, sorted: one comparable line per package. */
export function summarize(packages: FoundPackage[]): string[] {
  return packages.map((p) => `${p.name}@${p.version}${p.dev ? ' dev' : ''}`).sort();
}

/** A package-lock v3 with `count` packages, built without a giant intermediate array. */
export function hugePackageLock(count: number): string {
  const parts: string[] = ['{"name":"huge","lockfileVersion":3,"packages":{"":{"name":"huge"}'];
  for (let i = 0; i < count; i++) parts.push(`,"node_modules/p${i}":{"version":"1.0.${i % 100}"}`);
  parts.push('}}');
  return parts.join('');
}
