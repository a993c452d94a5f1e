/** Container details: state, image, host, ports, rogue differences, vulnerabilities, software. */
import { Link, useParams } from 'react-router';
import { QueryBlock } from '../../../components/query-block';
import { NotChecked, SeverityCounts } from '../../../components/severity-counts';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { Tabs } from '../../../components/tabs';
import { formatMillis, shortId } from '../../../lib/format';
import { containerRequest, useContainer } from '../api/get-container';
import { containerSoftwareRequest, useContainerSoftware } from '../api/get-container-software';
import { containerVulnsRequest, useContainerVulns } from '../api/get-container-vulns';
import { useImage } from '../api/get-image';
import type { ContainerDetails, RogueSoftware, RogueVulnerability } from '../api/types';
import { SoftwareTable } from './software-table';
import { VulnsTable } from './vulns-table';

function RogueGroup({ title, items }: { title: string; items: string[] }) {
  return (
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
}

/**
 * The server's rogue report (container details' `rogue`, the comparison `isRogue` comes
 * from). Unknown while either SBOM is missing; the software lists always hold, the
 * vulnerability lists only when both the container and its image were checked (an
 * unchecked side has no findings to compare, not zero).
 */
function Rogue({ container }: { container: ContainerDetails }) {
  const image = useImage(container.imageUuid ?? '');
  const report = container.rogue;
  if (!report)
    return (
      <div className="state state-empty" role="status" data-testid="rogue-diff">
        Not compared yet: the container or its image has no SBOM on the server, so whether it differs from its
        image is unknown.
      </div>
    );
  if (image.error) return <ErrorState error={image.error} />;
  if (!image.data) return <Loading />;
  const unchecked = [container, image.data].find((a) => a.vulnerabilities === null || a.scanError);
  const { software, vulnerabilities: v } = report;
  const total =
    software.new.length + software.removed.length + v.new.length + v.fixed.length + v.varied.length;
  if (!unchecked && total === 0) return <Empty>No differences from the image: not rogue.</Empty>;
  const pkg = (x: RogueSoftware) => `${x.name} ${x.version}`;
  const vuln = (x: RogueVulnerability) => `${x.id} (severity ${x.severity})`;
  return (
    <div className="rogue" data-testid="rogue-diff">
      <RogueGroup title="New software" items={software.new.map(pkg)} />
      <RogueGroup title="Removed software" items={software.removed.map(pkg)} />
      {unchecked ? (
        <div className="rogue-group">
          <h3>Vulnerabilities</h3>
          <p>
            Not compared: the {unchecked === container ? 'container' : 'image'} was not checked.{' '}
            <NotChecked scanError={unchecked.scanError} />
          </p>
        </div>
      ) : (
        <>
          <RogueGroup title="New vulnerabilities" items={v.new.map(vuln)} />
          <RogueGroup title="Fixed vulnerabilities" items={v.fixed.map(vuln)} />
          <RogueGroup title="Varied vulnerabilities" items={v.varied.map(vuln)} />
        </>
      )}
    </div>
  );
}

export default function ContainerDetailsView() {
  const id = useParams().containerId ?? '';
  const container = useContainer(id);
  const software = useContainerSoftware(id);
  const vulns = useContainerVulns(id);
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
                <SeverityCounts asset={c} />
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
              !container.data ? (
                <Loading />
              ) : container.data.imageUuid ? (
                <Rogue container={container.data} />
              ) : (
                <Empty>The image of this container is unknown.</Empty>
              ),
          },
          {
            id: 'vulns',
            label: 'Vulnerabilities',
            render: () => (
              <QueryBlock query={vulns} request={containerVulnsRequest(id)}>
                {(rows) => <VulnsTable rows={rows} asset={container.data} />}
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
