/**
 * What a dashboard widget is (a saved QQL query on an entity plus a visualisation) and
 * how its data is asked for: every number on a dashboard is the `count` of one list
 * request, so each one can be opened as the filtered list it came from.
 */
export type WidgetEntity = 'images' | 'containers' | 'events' | 'sensors' | 'vulnerabilities';
/** `labels` (most common label key=value pairs) is built in: the default dashboard only. */
export type WidgetKind = 'count' | 'bar' | 'pie' | 'trend' | 'table' | 'labels';
export type WidgetSize = 'small' | 'medium' | 'large';

export interface Widget {
  id: string;
  title: string;
  entity: WidgetEntity;
  query: string;
  kind: WidgetKind;
  groupBy?: string;
  groupValues?: string[];
  sort?: string;
  size: WidgetSize;
}

export const ENTITIES: WidgetEntity[] = ['images', 'containers', 'events', 'sensors', 'vulnerabilities'];
export const KINDS: WidgetKind[] = ['count', 'bar', 'pie', 'trend', 'table'];

export const ENTITY_PATH: Record<WidgetEntity, { api: string; screen: string }> = {
  images: { api: '/csapi/v1.1/images', screen: '/assets/images' },
  containers: { api: '/csapi/v1.1/containers', screen: '/assets/containers' },
  events: { api: '/csapi/v1.1/events', screen: '/events' },
  sensors: { api: '/csapi/v1.1/sensors', screen: '/sensors' },
  vulnerabilities: { api: '/csapi/v1.1/vulnerabilities', screen: '/vulnerabilities' },
};

/** The date token a trend buckets on. */
export const TIME_TOKEN: Record<WidgetEntity, string> = {
  images: 'lastScanned',
  containers: 'stateChanged',
  events: 'eventOccurred',
  sensors: 'lastCheckedIn',
  vulnerabilities: 'firstFound',
};

function quoteValue(value: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** `(a) and (b)`, dropping empty parts. */
export function andQuery(...parts: string[]): string {
  const kept = parts.map((p) => p.trim()).filter(Boolean);
  if (kept.length <= 1) return kept[0] ?? '';
  return kept.map((p) => `(${p})`).join(' and ');
}

export interface Segment {
  label: string;
  filter: string;
  /** The assets whose vulnerabilities are unknown (see uncheckedFilter). */
  unchecked?: true;
}

/** Images and containers the server could not check (`vulnerabilities: null`, a `scanError`). */
export const UNCHECKED_QUERY = 'scanError:*';

/**
 * The assets a widget cannot place because their vulnerabilities are unknown, or null when
 * its numbers do not depend on vulnerabilities. QQL leaves an unchecked asset out of every
 * vulnerability term (docs/qql.md), so a widget counting by vulnerabilities must show them
 * apart, never as zeros. A query with a vulnerability term cannot narrow them: then all of
 * the entity's unchecked assets are named.
 */
export function uncheckedFilter(w: Widget): string | null {
  if (w.entity !== 'images' && w.entity !== 'containers') return null;
  const queryNeedsVulns = w.query.includes('vulnerabilities.');
  if (!queryNeedsVulns && !(w.groupBy ?? '').startsWith('vulnerabilities.')) return null;
  return queryNeedsVulns ? UNCHECKED_QUERY : andQuery(w.query, UNCHECKED_QUERY);
}

/** The list of assets carrying label key=value (the same label row may not hold both: see QQL). */
export function labelFilter(query: string, key: string, value: string): string {
  return andQuery(query, `label.key:${quoteValue(key)} and label.value:${quoteValue(value)}`);
}

/** One segment per value; grouped by a vulnerability token, a last "not checked" segment. */
export function groupSegments(w: Widget, values: string[]): Segment[] {
  const token = w.groupBy ?? '';
  const segments: Segment[] = values.map((v) => ({
    label: v,
    filter: andQuery(w.query, `${token}:${quoteValue(v)}`),
  }));
  const unchecked = token.startsWith('vulnerabilities.') ? uncheckedFilter(w) : null;
  if (unchecked !== null) segments.push({ label: 'not checked', filter: unchecked, unchecked: true });
  return segments;
}

/** 12 two-hour buckets covering the last 24 hours, oldest first. */
export function trendSegments(w: Widget): Segment[] {
  const t = TIME_TOKEN[w.entity];
  return Array.from({ length: 12 }, (_, i) => {
    const from = 24 - i * 2;
    const to = from - 2;
    const upper = to === 0 ? `${t}<=now` : `${t}<now-${to}h`;
    return { label: `-${from}h`, filter: andQuery(w.query, `${t}>=now-${from}h and ${upper}`) };
  });
}

export function listLink(entity: WidgetEntity, filter: string): string {
  return `${ENTITY_PATH[entity].screen}${filter ? `?filter=${encodeURIComponent(filter)}` : ''}`;
}

export function newWidgetId(): string {
  return `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
