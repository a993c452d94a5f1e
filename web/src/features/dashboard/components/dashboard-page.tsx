/**
 * The dashboard screen: the built-in dashboard plus the customer's own, chosen in a tab
 * strip. Custom dashboards are edited in place; every change is saved to the server.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { EquivalentRequest } from '../../../components/equivalent-request';
import { ErrorState, Loading } from '../../../components/states';
import { useCreateDashboard } from '../api/create-dashboard';
import { useDeleteDashboard } from '../api/delete-dashboard';
import { type Dashboard, dashboardsRequest, useDashboards } from '../api/get-dashboards';
import { useUpdateDashboard } from '../api/update-dashboard';
import { DEFAULT_WIDGETS } from '../default-widgets';
import type { Widget } from '../widget-model';
import { WidgetCard } from './widget-card';
import { WidgetEditor } from './widget-editor';

function CustomDashboard({ d }: { d: Dashboard }) {
  const update = useUpdateDashboard();
  const remove = useDeleteDashboard();
  const [, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Widget | 'new' | null>(null);
  const save = (widgets: Widget[]) => update.mutate({ id: d.id, name: d.name, widgets });
  return (
    <>
      <div className="toolbar">
        <button type="button" onClick={() => setEditing('new')}>
          Add widget
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (window.confirm(`Delete dashboard “${d.name}”?`))
              remove.mutate(d.id, { onSuccess: () => setParams({}) });
          }}
        >
          Delete dashboard
        </button>
        {update.isPending && <span role="status">Saving…</span>}
        {update.error && <span role="alert">Not saved: {update.error.message}</span>}
      </div>
      {editing && (
        <WidgetEditor
          {...(editing !== 'new' ? { initial: editing } : {})}
          onCancel={() => setEditing(null)}
          onSave={(w) => {
            save(editing === 'new' ? [...d.widgets, w] : d.widgets.map((x) => (x.id === w.id ? w : x)));
            setEditing(null);
          }}
        />
      )}
      {d.widgets.length === 0 && !editing && (
        <p className="state state-empty">This dashboard has no widgets yet. Add one.</p>
      )}
      <div className="widget-grid">
        {d.widgets.map((w) => (
          <WidgetCard
            key={w.id}
            w={w}
            onEdit={() => setEditing(w)}
            onRemove={() => save(d.widgets.filter((x) => x.id !== w.id))}
            onResize={(size) => save(d.widgets.map((x) => (x.id === w.id ? { ...x, size } : x)))}
          />
        ))}
      </div>
    </>
  );
}

export default function DashboardPage() {
  const dashboards = useDashboards();
  const create = useCreateDashboard();
  const [params, setParams] = useSearchParams();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const currentId = params.get('dashboard');
  const current = dashboards.data?.find((d) => d.id === currentId) ?? null;
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Dashboard</h1>
        <nav aria-label="Dashboards" className="dashboard-tabs">
          <button type="button" aria-current={current ? undefined : 'page'} onClick={() => setParams({})}>
            Default
          </button>
          {(dashboards.data ?? []).map((d) => (
            <button
              key={d.id}
              type="button"
              aria-current={current?.id === d.id ? 'page' : undefined}
              onClick={() => setParams({ dashboard: d.id })}
            >
              {d.name}
            </button>
          ))}
          {naming ? (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                create.mutate(
                  { name: name.trim(), widgets: [] },
                  { onSuccess: (d) => setParams({ dashboard: d.id }) },
                );
                setNaming(false);
                setName('');
              }}
            >
              <label>
                <span className="sr-only">Dashboard name</span>
                <input
                  required
                  placeholder="Dashboard name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                />
              </label>
              <button type="submit">Create</button>
            </form>
          ) : (
            <button type="button" onClick={() => setNaming(true)}>
              + New dashboard
            </button>
          )}
        </nav>
      </header>
      {dashboards.error && <ErrorState error={dashboards.error} onRetry={() => dashboards.refetch()} />}
      {currentId && dashboards.isPending ? (
        <Loading />
      ) : current ? (
        <CustomDashboard d={current} />
      ) : (
        <div className="widget-grid">
          {DEFAULT_WIDGETS.map((w) => (
            <WidgetCard key={w.id} w={w} />
          ))}
        </div>
      )}
      <EquivalentRequest request={dashboardsRequest} />
    </section>
  );
}
