/** Registry details: configuration, repositories and scan jobs; delete the registry. */
import { Link, useNavigate, useParams } from 'react-router';
import { QueryBlock } from '../../../components/query-block';
import { Empty } from '../../../components/states';
import { formatMillis } from '../../../lib/format';
import {
  registryRequest,
  repositoriesRequest,
  useDeleteRegistry,
  useRegistry,
  useRepositories,
} from '../api/registry-api';
import { SchedulesPanel } from './schedules-panel';

export default function RegistryDetailsView() {
  const id = useParams().registryId ?? '';
  const registry = useRegistry(id);
  const repos = useRepositories(id);
  const remove = useDeleteRegistry();
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
            {remove.error && <p role="alert">{remove.error.message}</p>}
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
      <h2>Repositories</h2>
      <QueryBlock query={repos} request={repositoriesRequest(id)}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No repository listed yet: a scan lists them.</Empty>
          ) : (
            <table>
              <caption className="sr-only">Repositories of this registry</caption>
              <thead>
                <tr>
                  <th scope="col">Repository</th>
                  <th scope="col">Tags</th>
                  <th scope="col">Last scanned</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((x) => (
                  <tr key={x.repoName}>
                    <td data-label="Repository">{x.repoName}</td>
                    <td data-label="Tags">{x.tagsCount}</td>
                    <td data-label="Last scanned">{formatMillis(x.lastScanned)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryBlock>
      {registry.data && <SchedulesPanel registryId={id} repos={(repos.data ?? []).map((x) => x.repoName)} />}
    </section>
  );
}
