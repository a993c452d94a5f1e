/**
 * A least-recently-used map: Map keeps insertion order, so the first key is the oldest.
 * Each entry has a weight (1 unless `weigh` says otherwise) and the total weight stays
 * within `capacity`, so a cache can be bounded by estimated bytes rather than by a
 * count that is too small for one workload and too large for another.
 */
export class Lru<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>();
  private total = 0;

  constructor(
    private readonly capacity: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** The summed weight of every entry; never above `capacity`. */
  get weight(): number {
    return this.total;
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.total -= old.weight;
    }
    const weight = Math.max(0, this.weigh(value));
    // An entry heavier than the whole cache would only evict everything else.
    if (weight > this.capacity) return;
    this.map.set(key, { value, weight });
    this.total += weight;
    while (this.total > this.capacity) {
      const oldest = this.map.entries().next();
      if (oldest.done) break;
      this.map.delete(oldest.value[0]);
      this.total -= oldest.value[1].weight;
    }
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
