import { applyNameRule, nameRule } from './name-rules.js';

/**
 * The form a package name is indexed and looked up under. Analyzers and matchers call
 * this too, so a name found in an image and the same name in an advisory meet. The
 * per-ecosystem rules live in `name-rules.ts`.
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  return applyNameRule(nameRule(ecosystem), name);
}
