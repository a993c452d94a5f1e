import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lru } from './lru.js';

describe('Lru', () => {
  it('keeps the summed weight within capacity, evicting the least recently used', () => {
    const lru = new Lru<string, string>(10, (value) => value.length);
    lru.set('a', 'xxxx');
    lru.set('b', 'xxxx');
    assert.equal(lru.get('a'), 'xxxx', 'a is now the most recently used');
    lru.set('c', 'xxxx');
    assert.equal(lru.get('b'), undefined, 'b was the oldest');
    assert.equal(lru.get('a'), 'xxxx');
    assert.equal(lru.get('c'), 'xxxx');
    assert.equal(lru.weight, 8);
  });

  it('re-weighs a replaced entry and refuses one heavier than the whole cache', () => {
    const lru = new Lru<string, string>(10, (value) => value.length);
    lru.set('a', 'xx');
    lru.set('a', 'xxxxxx');
    assert.equal(lru.weight, 6);
    lru.set('big', 'x'.repeat(11));
    assert.equal(lru.get('big'), undefined);
    assert.equal(lru.get('a'), 'xxxxxx', 'an oversized entry evicts nothing');
    lru.clear();
    assert.equal(lru.weight, 0);
    assert.equal(lru.size, 0);
  });

  const cases: { capacity: number; inserts: number; size: number }[] = [
    { capacity: 3, inserts: 10, size: 3 },
    { capacity: 100, inserts: 10, size: 10 },
  ];
  for (const c of cases) {
    it(`counts entries when no weight is given (capacity ${c.capacity})`, () => {
      const lru = new Lru<number, number>(c.capacity);
      for (let i = 0; i < c.inserts; i++) lru.set(i, i);
      assert.equal(lru.size, c.size);
      assert.equal(lru.get(c.inserts - 1), c.inserts - 1, 'the newest survives');
    });
  }
});
