import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

export const nugetMatcher = defineLanguageMatcher({
  name: 'lang/nuget',
  packageType: 'nuget',
  ecosystem: 'NuGet',
});
