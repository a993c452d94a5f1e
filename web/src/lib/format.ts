/** Display helpers shared by the features. */
export function formatMillis(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n <= 0) return '—';
  return new Date(n).toISOString().replace('T', ' ').slice(0, 16);
}

export function formatBytes(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = value;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function ageInDays(value: string | number | null | undefined, now = Date.now()): string {
  const n = Number(value);
  if (!value || !Number.isFinite(n)) return '—';
  return String(Math.max(0, Math.floor((now - n) / 86_400_000)));
}

export function shortId(value: string | null | undefined, length = 12): string {
  if (!value) return '—';
  return value.replace(/^sha256:/, '').slice(0, length);
}
