import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

/** Swift packages in OSV's `SwiftURL` ecosystem, named by repository URL (`github.com/apple/swift-nio`). */
export const swiftMatcher = defineLanguageMatcher({
  name: 'lang/swift',
  packageType: 'swift',
  ecosystem: 'SwiftURL',
});
