import { createHash, randomUUID } from 'node:crypto';

export function shortHash(text: string, length = 12): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** A version-4-shaped UUID taken from a hash, so the same input always gives the same id. */
export function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function documentUuid(seed: string, deterministic: boolean | undefined): string {
  return deterministic ? uuidFrom(seed) : randomUUID();
}
