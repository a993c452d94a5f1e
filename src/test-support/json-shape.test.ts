import assert from 'node:assert/strict';
import { it } from 'node:test';
import { shapeOf, shapeProblems } from './json-shape.js';

it('shapes merge array elements and flag missing, extra and mistyped fields', () => {
  const expected = shapeOf({
    data: [
      { a: '1', b: null },
      { a: '2', b: 3 },
    ],
    count: 2,
  });
  assert.deepEqual(expected, { count: 'number', data: [{ a: 'string', b: 'number' }] });
  assert.deepEqual(shapeProblems(expected, { data: [{ a: 'x', b: null }], count: 1 }), []);
  assert.deepEqual(shapeProblems(expected, { data: [{ a: 1, c: 2 }], count: '1' }), [
    '$.count: expected number, got string',
    '$.data[0].a: expected string, got number',
    '$.data[0].b: missing',
    '$.data[0].c: not in the sample',
  ]);
  assert.deepEqual(shapeProblems(expected, { data: [], count: 0 }), [
    '$.data: empty, but the sample shows elements',
  ]);
});
