import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

/** Julia packages (Manifest.toml) in OSV's `Julia` ecosystem, by registered name. */
export const juliaMatcher = defineLanguageMatcher({
  name: 'lang/julia',
  packageType: 'julia',
  ecosystem: 'Julia',
});
