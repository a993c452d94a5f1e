/** Shared pieces of the synthetic QQL inventory (see `qql-inventory.ts`): row types, seeded randomness. */
import type { Insertable } from 'kysely';
import type { Database } from '../db/schema.js';

export const INVENTORY_NOW = Date.UTC(2026, 0, 31, 12, 0, 0);
export const DAY = 86_400_000;

/** The generated tables, parents first: a flush writes every buffered table in this order. */
export const INVENTORY_TABLES = [
  'customers',
  'hosts',
  'sensors',
  'registries',
  'registry_repositories',
  'registry_schedules',
  'vulnerabilities',
  'vulnerability_aliases',
  'images',
  'image_repos',
  'image_sources',
  'image_labels',
  'containers',
  'container_labels',
  'software',
  'findings',
  'events',
] as const;

export type InventoryTable = (typeof INVENTORY_TABLES)[number];

export type InventoryRow = {
  [T in InventoryTable]: { table: T; row: Insertable<Database[T]> };
}[InventoryTable];

export interface InventorySize {
  readonly customers: readonly string[];
  readonly imagesPerCustomer: number;
  /** Average; each image gets 0..2×avg. */
  readonly containersPerImage: number;
  readonly packagesPerImage: number;
  /** Average open findings per image (its containers copy them). */
  readonly findingsPerImage: number;
  readonly vulnerabilities: number;
  readonly hostsPerCustomer: number;
  /** Names and labels with quotes, LIKE metacharacters and non-ASCII letters. */
  readonly tricky?: boolean;
}

export { mulberry32 as prng } from './prng.js';

export const TRICKY_NAMES = [
  "o'brien",
  '50%_off',
  'back\\slash',
  'Ünïcode-ß',
  'MiXeD_Case',
  'semi;colon--x',
  'quote"d',
];
export function uuid(rand: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

export function sha(rand: () => number): string {
  return Array.from({ length: 64 }, () => Math.floor(rand() * 16).toString(16)).join('');
}

/** Skewed pick: low indexes far more often (a few base packages and CVEs are everywhere). */
export function skewed(rand: () => number, n: number, power = 2.5): number {
  return Math.min(n - 1, Math.floor(n * rand() ** power));
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}
