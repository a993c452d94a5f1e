import { defineLanguageMatcher } from '../strategy/ecosystem-strategy.js';

export const npmMatcher = defineLanguageMatcher({ name: 'lang/npm', packageType: 'npm', ecosystem: 'npm' });
