/** The built-in dashboard, expressed as ordinary widgets (the same QQL a user could save). */
import type { Widget } from './widget-model';

const SEVERITIES = ['5', '4', '3', '2', '1'];

export const DEFAULT_WIDGETS: Widget[] = [
  { id: 'images', title: 'Images', entity: 'images', query: '', kind: 'count', size: 'small' },
  { id: 'containers', title: 'Containers', entity: 'containers', query: '', kind: 'count', size: 'small' },
  { id: 'sensors', title: 'Sensors', entity: 'sensors', query: '', kind: 'count', size: 'small' },
  {
    id: 'image-sev',
    title: 'Images by vulnerability severity',
    entity: 'images',
    query: '',
    kind: 'bar',
    groupBy: 'vulnerabilities.severity',
    groupValues: SEVERITIES,
    size: 'medium',
  },
  {
    id: 'container-sev',
    title: 'Containers by vulnerability severity',
    entity: 'containers',
    query: '',
    kind: 'bar',
    groupBy: 'vulnerabilities.severity',
    groupValues: SEVERITIES,
    size: 'medium',
  },
  {
    id: 'events-24h',
    title: 'Events, last 24 hours',
    entity: 'events',
    query: '',
    kind: 'trend',
    size: 'large',
  },
  {
    id: 'container-state',
    title: 'Containers by state',
    entity: 'containers',
    query: '',
    kind: 'pie',
    groupBy: 'state',
    size: 'medium',
  },
  {
    id: 'image-labels',
    title: 'Most common images by label',
    entity: 'images',
    query: '',
    kind: 'labels',
    size: 'medium',
  },
  {
    id: 'container-labels',
    title: 'Most common containers by label',
    entity: 'containers',
    query: '',
    kind: 'labels',
    size: 'medium',
  },
  {
    id: 'recent-images',
    title: 'Recently scanned images',
    entity: 'images',
    query: '',
    kind: 'table',
    sort: 'lastScanned:desc',
    size: 'medium',
  },
];
