import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstSentence, recordTitle } from './title.js';

describe('finding titles', () => {
  test('the OSV summary when there is one', () => {
    assert.equal(recordTitle({ summary: ' jq: overflow ', details: 'Long text. More.' }), 'jq: overflow');
  });

  const cases: [string, string | undefined][] = [
    ['A flaw was found in glibc. An attacker could do things.', 'A flaw was found in glibc.'],
    [
      'Version 1.2.3 of zlib mishandles input\nacross lines. Second.',
      'Version 1.2.3 of zlib mishandles input across lines.',
    ],
    ['# Heading\n\nBody text.', 'Heading'],
    ['No full stop at all', 'No full stop at all'],
    ['   \n ', undefined],
  ];
  for (const [details, title] of cases) {
    test(`first sentence of ${JSON.stringify(details.slice(0, 30))}`, () => {
      assert.equal(recordTitle({ details }), title);
    });
  }

  test('a very long first sentence is cut at a word', () => {
    const title = firstSentence(`${'word '.repeat(100)}end.`) as string;
    assert.ok(title.length <= 161);
    assert.ok(title.endsWith('word…'));
  });
});
