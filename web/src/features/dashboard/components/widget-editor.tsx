/** The add / edit widget form: title, entity, QQL query, visualisation, grouping, size. */
import { useId, useState } from 'react';
import { useQqlCatalog } from '../../../components/qql/get-qql-catalog';
import {
  ENTITIES,
  KINDS,
  newWidgetId,
  type Widget,
  type WidgetEntity,
  type WidgetKind,
} from '../widget-model';

interface Props {
  initial?: Widget;
  onSave: (w: Widget) => void;
  onCancel: () => void;
}

export function WidgetEditor({ initial, onSave, onCancel }: Props) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [entity, setEntity] = useState<WidgetEntity>(initial?.entity ?? 'images');
  const [query, setQuery] = useState(initial?.query ?? '');
  const [kind, setKind] = useState<WidgetKind>(initial?.kind ?? 'count');
  const [groupBy, setGroupBy] = useState(initial?.groupBy ?? '');
  const [values, setValues] = useState((initial?.groupValues ?? []).join(', '));
  const [sort, setSort] = useState(initial?.sort ?? '');
  const catalog = useQqlCatalog(entity);
  const id = useId();
  const grouped = kind === 'bar' || kind === 'pie';
  return (
    <form
      className="widget-editor"
      aria-label={initial ? 'Edit widget' : 'Add widget'}
      onSubmit={(e) => {
        e.preventDefault();
        const groupValues = values
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
        onSave({
          id: initial?.id ?? newWidgetId(),
          title: title.trim(),
          entity,
          query: query.trim(),
          kind,
          size: initial?.size ?? 'medium',
          ...(grouped && groupBy ? { groupBy } : {}),
          ...(grouped && groupValues.length > 0 ? { groupValues } : {}),
          ...(kind === 'table' && sort ? { sort } : {}),
        });
      }}
    >
      <label>
        Title <input name="title" required value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Entity
        <select name="entity" value={entity} onChange={(e) => setEntity(e.target.value as WidgetEntity)}>
          {ENTITIES.map((x) => (
            <option key={x}>{x}</option>
          ))}
        </select>
      </label>
      <label>
        QQL query
        <input
          name="query"
          className="mono"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="e.g. vulnerabilities.severity:5"
        />
      </label>
      <label>
        Visualisation
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as WidgetKind)}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {
                {
                  count: 'Count',
                  bar: 'Bar (grouped)',
                  pie: 'Pie (grouped)',
                  trend: 'Trend, 24 h',
                  table: 'Top 5 table',
                  labels: 'Most common labels',
                }[k]
              }
            </option>
          ))}
        </select>
      </label>
      {grouped && (
        <>
          <label>
            Group by token
            <input
              name="groupBy"
              list={`${id}-tokens`}
              required
              value={groupBy}
              onChange={(e) => setGroupBy(e.target.value)}
            />
            <datalist id={`${id}-tokens`}>
              {(catalog.data ?? []).map((c) => (
                <option key={c.token} value={c.token} />
              ))}
            </datalist>
          </label>
          <label>
            Values (comma-separated; empty = the token’s listed values)
            <input name="groupValues" value={values} onChange={(e) => setValues(e.target.value)} />
          </label>
        </>
      )}
      {kind === 'table' && (
        <label>
          Sort (token:asc|desc)
          <input name="sort" value={sort} onChange={(e) => setSort(e.target.value)} />
        </label>
      )}
      <div className="form-buttons">
        <button type="submit">Save widget</button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
