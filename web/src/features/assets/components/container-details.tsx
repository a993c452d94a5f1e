/** Container details: state, image, host, ports, rogue differences, vulnerabilities, software. */
import { Link, useParams } from 'react-router';
import { QueryBlock } from '../../../components/query-block';
import { SeverityCounts } from '../../../components/severity-counts';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { Tabs } from '../../../components/tabs';
import { formatMillis, shortId } from '../../../lib/format';
import { containerRequest, useContainer } from '../api/get-container';
import { containerSoftwareRequest, useContainerSoftware } from '../api/get-container-software';
import { containerVulnsRequest, useContainerVulns } from '../api/get-container-vulns';
import { useImageSoftware } from '../api/get-image-software';
import { useImageVulns } from '../api/get-image-vulns';
import { rogueDiff } from './rogue-diff';
import { SoftwareTable } from './software-table';
import { VulnsTable } from './vulns-table';

function Rogue({ containerId, imageId }: { containerId: string; imageId: string }) {
  const cs = useContainerSoftware(containerId);
  const cv = useContainerVulns(containerId);
  const is = useImageSoftware(imageId);
  const iv = useImageVulns(imageId);
  const all = [cs, cv, is, iv];
  const failed = all.find((q) => q.error);
  if (failed) return <ErrorState error={failed.error} />;
  if (!cs.data || !cv.data || !is.data || !iv.data) return <Loading />;
  const d = rogueDiff({ software: cs.data, vulns: cv.data }, { software: is.data, vulns: iv.data });
  const total =
    d.newSoftware.length +
    d.removedSoftware.length +
    d.newVulns.length +
    d.fixedVulns.length +
    d.variedVulns.length;
  if (total === 0) return <Empty>No differences from the image: not rogue.</Empty>;
  const list = (title: string, items: string[]) => (
    <div className="rogue-group">
      <h3>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <div className="rogue" data-testid="rogue-diff">
      {list(
        'New software',
        d.newSoftware.map((s) => `${s.name} ${s.version}`),
      )}
      {list(
        'Removed software',
        d.removedSoftware.map((s) => `${s.name} ${s.version}`),
      )}
      {list(
        'New vulnerabilities',
        d.newVulns.map((v) => `${v.id} — ${v.title}`),
      )}
      {list(
        'Fixed vulnerabilities',
        d.fixedVulns.map((v) => `${v.id} — ${v.title}`),
      )}
      {list(
        'Varied vulnerabilities',
        d.variedVulns.map((v) => `${v.id} — ${v.title}`),
      )}
    </div>
  );
}

export default function ContainerDetailsView() {
  const id = useParams().containerId ?? '';
  const container = useContainer(id);
  const software = useContainerSoftware(id);
  const vulns = useContainerVulns(id);
  const imageUuid = container.data?.imageUuid ?? null;
  return (
    <section aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/assets/containers">Containers</Link> /
      </p>
      <QueryBlock query={container} request={containerRequest(id)}>
        {(c) => (
          <>
            <h1 id="page-title">
              Container {c.name} {c.isRogue && <span className="badge badge-warn">Rogue</span>}
            </h1>
            <dl className="facts">
              <dt>Container ID</dt>
              <dd className="mono">{c.containerId}</dd>
              <dt>State</dt>
              <dd>
                {c.state} since {formatMillis(c.stateChanged)}
              </dd>
              <dt>Image</dt>
              <dd>
                {c.imageUuid ? (
                  <Link to={`/assets/images/${c.imageUuid}`}>{shortId(c.imageId ?? c.imageUuid)}</Link>
                ) : (
                  '—'
                )}
              </dd>
              <dt>Host</dt>
              <dd>
                {c.host?.hostname ?? '—'} {c.host?.ipAddress ?? ''}
              </dd>
              <dt>Command</dt>
              <dd className="mono">{c.command ?? '—'}</dd>
              <dt>Privileged</dt>
              <dd>{c.privileged ? 'yes' : 'no'}</dd>
              <dt>Ports</dt>
              <dd className="mono">{c.portMapping ? JSON.stringify(c.portMapping) : '—'}</dd>
              <dt>Vulnerabilities</dt>
              <dd>
                <SeverityCounts value={c.vulnerabilities} />
              </dd>
            </dl>
          </>
        )}
      </QueryBlock>
      <Tabs
        label="Container sections"
        tabs={[
          {
            id: 'rogue',
            label: 'Rogue differences',
            render: () =>
              imageUuid ? (
                <Rogue containerId={id} imageId={imageUuid} />
              ) : (
                <Empty>The image of this container is unknown.</Empty>
              ),
          },
          {
            id: 'vulns',
            label: 'Vulnerabilities',
            render: () => (
              <QueryBlock query={vulns} request={containerVulnsRequest(id)}>
                {(rows) => <VulnsTable rows={rows} />}
              </QueryBlock>
            ),
          },
          {
            id: 'software',
            label: 'Software',
            render: () => (
              <QueryBlock query={software} request={containerSoftwareRequest(id)}>
                {(rows) => <SoftwareTable rows={rows} />}
              </QueryBlock>
            ),
          },
        ]}
      />
    </section>
  );
}
