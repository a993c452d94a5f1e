/** Registry details: configuration, repositories and scan jobs; delete the registry. */
import { Link, useNavigate, useParams } from 'react-router';
import { QueryBlock } from '../../../components/query-block';
import { type StaticColumn, StaticTable } from '../../../components/static-table';
import { formatMillis } from '../../../lib/format';
import {
  type Repository,
  registryRequest,
  repositoriesRequest,
  useDeleteRegistry,
  useRegistry,
  useRepositories,
  useSyncRepositories,
} from '../api/registry-api';
import { SchedulesPanel } from './schedules-panel';

const REPO_COLUMNS: StaticColumn<Repository>[] = [
  { header: 'Repository', cell: (x) => x.repoName },
  { header: 'Tags', cell: (x) => x.tagsCount },
  { header: 'Last scanned', cell: (x) => formatMillis(x.lastScanned) },
];

export default function RegistryDetailsView() {
  const id = useParams().registryId ?? '';
  const registry = useRegistry(id);
  const repos = useRepositories(id);
  const remove = useDeleteRegistry();
  const sync = useSyncRepositories();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/registries">Registries</Link> /
      </p>
      <QueryBlock query={registry} request={registryRequest(id)}>
        {(r) => (
          <>
            <header className="page-header">
              <h1 id="page-title">Registry {r.registryUri}</h1>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (window.confirm(`Delete the registry ${r.registryUri}?`))
                    remove.mutate(id, { onSuccess: () => navigate('/registries') });
                }}
              >
                Delete registry
              </button>
            </header>
            {/* 409 while a scan job runs: the server's reason says so. */}
            {remove.error && (
              <p role="alert" data-testid="delete-registry-error">
                Not deleted: {remove.error.message}
              </p>
            )}
            <dl className="facts">
              <div>
                <dt>Type</dt>
                <dd>{r.registryType}</dd>
              </div>
              <div>
                <dt>Credentials</dt>
                <dd>
                  {r.credentialType}
                  {r.username ? ' (user name stored)' : ''}
                </dd>
              </div>
              {r.dockerHubOrgName && (
                <div>
                  <dt>Docker Hub organisation</dt>
                  <dd>{r.dockerHubOrgName}</dd>
                </div>
              )}
              {r.aws && (
                <div>
                  <dt>AWS</dt>
                  <dd>
                    {r.aws.accountId} {r.aws.region ?? ''} {r.aws.arn ?? ''}
                  </dd>
                </div>
              )}
              <div>
                <dt>Created</dt>
                <dd>{formatMillis(r.created)}</dd>
              </div>
              <div>
                <dt>Last scanned</dt>
                <dd>{formatMillis(r.lastScanned)}</dd>
              </div>
              <div>
                <dt>Repositories</dt>
                <dd>{r.repositoriesCount}</dd>
              </div>
            </dl>
          </>
        )}
      </QueryBlock>
      <h2 id="repos-title">Repositories</h2>
      <div className="toolbar">
        <button type="button" disabled={sync.isPending} onClick={() => sync.mutate(id)}>
          {sync.isPending ? 'Listing…' : 'List repositories now'}
        </button>
        {sync.error && <p role="alert">{sync.error.message}</p>}
      </div>
      <QueryBlock query={repos} request={repositoriesRequest(id)}>
        {(rows) => (
          <StaticTable
            caption="Repositories of this registry"
            columns={REPO_COLUMNS}
            rows={rows}
            rowKey={(x) => x.repoName}
            empty="No repository listed yet: list them now, or a scan lists them."
          />
        )}
      </QueryBlock>
      {registry.data && <SchedulesPanel registryId={id} repos={(repos.data ?? []).map((x) => x.repoName)} />}
    </section>
  );
}
