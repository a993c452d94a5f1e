import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

export const rubyGemsMatcher = defineLanguageMatcher({
  name: 'lang/rubygems',
  packageType: 'gem',
  ecosystem: 'RubyGems',
});
