import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameRule } from './name-rules.js';
import { normalizePackageName } from './package-name.js';

describe('name rules per ecosystem', () => {
  const table: [string, string, string][] = [
    ['PyPI', 'Jinja2', 'jinja2'],
    ['PyPI', 'jw.util', 'jw-util'],
    ['PyPI', 'Foo__Bar.-baz', 'foo-bar-baz'],
    ['NuGet', 'Newtonsoft.Json', 'newtonsoft.json'],
    ['Packagist', 'PHPMailer/PHPMailer', 'phpmailer/phpmailer'],
    ['Go', 'github.com/Sirupsen/logrus', 'github.com/Sirupsen/logrus'],
    ['Maven', 'org.Apache:Foo_Bar', 'org.Apache:Foo_Bar'],
    ['npm', 'JSONStream', 'JSONStream'],
    ['RubyGems', 'Rack', 'Rack'],
    ['Debian:12', 'libSDL2', 'libSDL2'],
  ];
  for (const [ecosystem, name, want] of table) {
    it(`${ecosystem} ${name} → ${want}`, () => assert.equal(normalizePackageName(ecosystem, name), want));
  }

  it('a suffixed ecosystem takes its family rule', () => {
    assert.equal(nameRule('PyPI'), 'pep503');
    assert.equal(nameRule('Red Hat:enterprise_linux:9::baseos'), 'exact');
  });
});
