/** The `Link: <…>; rel="next"` header of paginated catalog and tag lists. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { nextLink } from './registry-catalog.js';

it('reads the next page from a Link header, same origin only', () => {
  const base = 'http://127.0.0.1:5000';
  assert.equal(nextLink('</v2/_catalog?last=b&n=2>; rel="next"', base), '/v2/_catalog?last=b&n=2');
  assert.equal(nextLink('</v2/x/tags/list?n=2&last=v1>; rel=next', base), '/v2/x/tags/list?n=2&last=v1');
  assert.equal(
    nextLink('<http://127.0.0.1:5000/v2/_catalog?last=c>; rel="next"', base),
    '/v2/_catalog?last=c',
  );
  assert.equal(nextLink('<https://elsewhere.example/v2/_catalog?last=c>; rel="next"', base), undefined);
  assert.equal(nextLink('</v2/_catalog?last=a>; rel="prev"', base), undefined);
  assert.equal(nextLink(undefined, base), undefined);
});
