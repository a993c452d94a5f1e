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
import { useImageSoftware } from '../api/get-image-software';
import { useImageVulns } from '../api/get-image-vulns';
import type { AssetVulnerability } from '../api/types';
import { rogueDiff } from './rogue-diff';
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
 * The software comparison always holds; the vulnerability one only when both the container
 * and its image were checked (an unchecked side has no findings to compare, not zero).
 */
function Rogue({ containerId, imageId }: { containerId: string; imageId: string }) {
  const ctr = useContainer(containerId);
  const img = useImage(imageId);
  const cs = useContainerSoftware(containerId);
  const cv = useContainerVulns(containerId);
  const is = useImageSoftware(imageId);
  const iv = useImageVulns(imageId);
  const failed = [ctr, img, cs, cv, is, iv].find((q) => q.error);
  if (failed) return <ErrorState error={failed.error} />;
  if (!ctr.data || !img.data || !cs.data || !cv.data || !is.data || !iv.data) return <Loading />;
  const unchecked = [ctr.data, img.data].find((a) => a.vulnerabilities === null || a.scanError);
  const d = rogueDiff({ software: cs.data, vulns: cv.data }, { software: is.data, vulns: iv.data });
  const softwareTotal = d.newSoftware.length + d.removedSoftware.length;
  const vulnTotal = d.newVulns.length + d.fixedVulns.length + d.variedVulns.length;
  if (!unchecked && softwareTotal + vulnTotal === 0)
    return <Empty>No differences from the image: not rogue.</Empty>;
  const named = (v: AssetVulnerability) => `${v.id} — ${v.title}`;
  return (
    <div className="rogue" data-testid="rogue-diff">
      <RogueGroup title="New software" items={d.newSoftware.map((s) => `${s.name} ${s.version}`)} />
      <RogueGroup title="Removed software" items={d.removedSoftware.map((s) => `${s.name} ${s.version}`)} />
      {unchecked ? (
        <div className="rogue-group">
          <h3>Vulnerabilities</h3>
          <p>
            Not compared: the {unchecked === ctr.data ? 'container' : 'image'} was not checked.{' '}
            <NotChecked scanError={unchecked.scanError} />
          </p>
        </div>
      ) : (
        <>
          <RogueGroup title="New vulnerabilities" items={d.newVulns.map(named)} />
          <RogueGroup title="Fixed vulnerabilities" items={d.fixedVulns.map(named)} />
          <RogueGroup title="Varied vulnerabilities" items={d.variedVulns.map(named)} />
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
