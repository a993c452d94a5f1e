/**
 * Renders one widget from its counts. Charts come with a list of the same numbers as
 * links (keyboard and screen readers reach every segment; each opens the filtered list).
 */
import { lazy, Suspense } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQqlCatalog } from '../../../components/qql/get-qql-catalog';
import { ErrorState, Loading } from '../../../components/states';
import { useCount, useCounts } from '../api/get-count';
import { useTop } from '../api/get-top';
import { useTopLabels } from '../api/get-top-labels';
import {
  groupSegments,
  labelFilter,
  listLink,
  type Segment,
  trendSegments,
  uncheckedFilter,
  type Widget,
} from '../widget-model';

// Start fetching the chart chunk with the dashboard, in parallel with the count requests.
const chartChunk = import('./chart');
const Chart = lazy(() => chartChunk);

const SEVERITY_COLORS: Record<string, string> = {
  '5': '#b3261e',
  '4': '#e8710a',
  '3': '#f2b705',
  '2': '#5b8def',
  '1': '#9aa5b1',
};
const UNCHECKED_COLOR = '#d9c9a8';

/**
 * Under a count or list whose query has a vulnerability term: the assets it cannot count
 * because the server could not check them. Nothing when there are none.
 */
function UncheckedNote({ w }: { w: Widget }) {
  const filter = uncheckedFilter(w);
  const q = useCount(w.entity, filter);
  if (filter === null || !q.data) return null;
  return (
    <p className="widget-note">
      <Link to={listLink(w.entity, filter)} data-testid="unchecked-note">
        {q.data.toLocaleString('en')} {q.data === 1 ? w.entity.slice(0, -1) : w.entity} not checked
      </Link>
      : their vulnerabilities are unknown, so they are not counted here.
    </p>
  );
}

function CountWidget({ w }: { w: Widget }) {
  const q = useCount(w.entity, w.query);
  if (q.error) return <ErrorState error={q.error} />;
  return (
    <>
      <Link
        className="big-number"
        to={listLink(w.entity, w.query)}
        aria-label={`${w.title}: ${q.data ?? 'loading'}`}
      >
        {q.data === undefined ? '…' : q.data.toLocaleString('en')}
      </Link>
      <UncheckedNote w={w} />
    </>
  );
}

function SegmentsWidget({ w, segments }: { w: Widget; segments: Segment[] }) {
  const navigate = useNavigate();
  const results = useCounts(
    w.entity,
    segments.map((s) => s.filter),
  );
  if (results.error) return <ErrorState error={results.error} />;
  if (!results.data) return <Loading />;
  const values = results.data;
  const labels = segments.map((s) => s.label);
  const colors = w.groupBy?.endsWith('severity')
    ? segments.map((s) => (s.unchecked ? UNCHECKED_COLOR : (SEVERITY_COLORS[s.label] ?? '#5b8def')))
    : undefined;
  const kind = w.kind === 'pie' ? 'pie' : w.kind === 'trend' ? 'trend' : 'bar';
  return (
    <>
      <Suspense fallback={<Loading label="Loading chart…" />}>
        <Chart
          kind={kind}
          labels={labels}
          values={values}
          {...(colors ? { colors } : {})}
          title={`${w.title}: ${labels.map((l, i) => `${l} ${values[i]}`).join(', ')}`}
          onSelect={(i) => {
            const s = segments[i];
            if (s) navigate(listLink(w.entity, s.filter));
          }}
        />
      </Suspense>
      <ul className="segment-links" aria-label={`${w.title} segments`}>
        {segments.map((s, i) => (
          <li key={s.label}>
            <Link to={listLink(w.entity, s.filter)}>
              {w.groupBy && !s.unchecked ? `${w.groupBy}:` : ''}
              {s.label}: {values[i]}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function GroupWidget({ w }: { w: Widget }) {
  const catalog = useQqlCatalog(w.entity);
  if (w.groupValues && w.groupValues.length > 0)
    return <SegmentsWidget w={w} segments={groupSegments(w, w.groupValues)} />;
  if (catalog.isPending) return <Loading />;
  const entry = catalog.data?.find((c) => c.token === w.groupBy);
  const values = entry?.values ?? (entry?.token.endsWith('severity') ? ['5', '4', '3', '2', '1'] : []);
  if (values.length === 0)
    return (
      <p className="muted">
        Token “{w.groupBy}” has no fixed values: list the values to group by in the widget’s settings.
      </p>
    );
  return <SegmentsWidget w={w} segments={groupSegments(w, values)} />;
}

function label(row: Record<string, unknown>): string {
  for (const k of ['name', 'hostname', 'title', 'imageId', 'event', 'id']) {
    const v = row[k];
    if (typeof v === 'string' && v) return v;
  }
  return JSON.stringify(row).slice(0, 60);
}

function TableWidget({ w }: { w: Widget }) {
  const q = useTop(w.entity, w.query, w.sort);
  if (q.error) return <ErrorState error={q.error} />;
  if (!q.data) return <Loading />;
  if (q.data.data.length === 0) return <p className="muted">Nothing matches.</p>;
  return (
    <ol className="top-n">
      {q.data.data.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows of a top-N list have no common id field
        <li key={i}>{label(row)}</li>
      ))}
      <li className="more">
        <Link to={listLink(w.entity, w.query)}>All {q.data.count.toLocaleString('en')} →</Link>
      </li>
    </ol>
  );
}

/** A ranked list rather than a chart: long key=value labels stay readable at any width. */
function LabelsWidget({ w }: { w: Widget }) {
  const entity = w.entity === 'containers' ? 'containers' : 'images';
  const q = useTopLabels(entity);
  if (q.error) return <ErrorState error={q.error} />;
  if (!q.data) return <Loading />;
  if (q.data.length === 0) return <p className="muted">No {entity} carry labels.</p>;
  const top = q.data[0]?.count ?? 1;
  return (
    <ol className="label-ranking" aria-label={`${w.title}`}>
      {q.data.map((l) => (
        <li key={`${l.key}=${l.value}`}>
          <Link className="label-link" to={listLink(w.entity, labelFilter(w.query, l.key, l.value))}>
            <span className="label-name">
              {l.key}={l.value}
            </span>
            <span className="label-count">
              {l.count.toLocaleString('en')} {entity}
            </span>
          </Link>
          <span
            className="label-bar"
            style={{ width: `${Math.max(4, (l.count / top) * 100)}%` }}
            aria-hidden="true"
          />
        </li>
      ))}
    </ol>
  );
}

export function WidgetBody({ w }: { w: Widget }) {
  switch (w.kind) {
    case 'count':
      return <CountWidget w={w} />;
    case 'bar':
    case 'pie':
      return <GroupWidget w={w} />;
    case 'trend':
      return (
        <>
          <SegmentsWidget w={w} segments={trendSegments(w)} />
          <UncheckedNote w={w} />
        </>
      );
    case 'table':
      return (
        <>
          <TableWidget w={w} />
          <UncheckedNote w={w} />
        </>
      );
    case 'labels':
      return <LabelsWidget w={w} />;
  }
}
