import { isRecord } from '../../parse-result.js';

/**
 * Licenses as package.json writes them: an SPDX string, a legacy `{ type }` object, or a
 * legacy `licenses` array of either. Returns undefined when nothing usable is recorded.
 */
export function npmLicenses(manifest: Record<string, unknown>): string[] | undefined {
  const found: string[] = [];
  const add = (value: unknown): void => {
    const text = typeof value === 'string' ? value : isRecord(value) ? value.type : undefined;
    if (typeof text === 'string' && text.trim() !== '') found.push(text.trim());
  };
  add(manifest.license);
  if (Array.isArray(manifest.licenses)) for (const item of manifest.licenses) add(item);
  else add(manifest.licenses);
  return found.length > 0 ? found : undefined;
}
