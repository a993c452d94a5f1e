/** Image details: metadata, tags, layers, software, vulnerabilities, containers and hosts. */
import { Link, useParams } from 'react-router';
import { QueryBlock } from '../../../components/query-block';
import { SeverityCounts } from '../../../components/severity-counts';
import { Empty } from '../../../components/states';
import { Tabs } from '../../../components/tabs';
import { formatBytes, formatMillis, shortId } from '../../../lib/format';
import { imageRequest, useImage } from '../api/get-image';
import { imageAssociationRequest, useImageAssociation } from '../api/get-image-association';
import { imageSoftwareRequest, useImageSoftware } from '../api/get-image-software';
import { imageVulnsRequest, useImageVulns } from '../api/get-image-vulns';
import type { AssetSoftware } from '../api/types';
import { SoftwareTable } from './software-table';
import { VulnsTable } from './vulns-table';

function Layers({ software }: { software: AssetSoftware[] }) {
  const byLayer = new Map<string, AssetSoftware[]>();
  for (const s of software) {
    const key = s.layerDigest ?? 'unknown layer';
    byLayer.set(key, [...(byLayer.get(key) ?? []), s]);
  }
  if (byLayer.size === 0) return <Empty>No layer information.</Empty>;
  return (
    <ol className="layers">
      {[...byLayer].map(([digest, pkgs]) => (
        <li key={digest}>
          <strong>{shortId(digest, 19)}</strong> — {pkgs.length} package{pkgs.length === 1 ? '' : 's'}:{' '}
          {pkgs.map((p) => `${p.name} ${p.version}`).join(', ')}
        </li>
      ))}
    </ol>
  );
}

export default function ImageDetailsView() {
  const id = useParams().imageId ?? '';
  const image = useImage(id);
  const software = useImageSoftware(id);
  const vulns = useImageVulns(id);
  const assoc = useImageAssociation(id);
  return (
    <section aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/assets/images">Images</Link> /
      </p>
      <QueryBlock query={image} request={imageRequest(id)}>
        {(img) => (
          <>
            <h1 id="page-title">Image {shortId(img.imageId)}</h1>
            <dl className="facts">
              <dt>SHA</dt>
              <dd className="mono">{img.sha}</dd>
              <dt>Operating system</dt>
              <dd>{img.operatingSystem ?? '—'}</dd>
              <dt>Architecture</dt>
              <dd>{img.architecture ?? '—'}</dd>
              <dt>Size</dt>
              <dd>{formatBytes(img.size)}</dd>
              <dt>Created</dt>
              <dd>{formatMillis(img.created)}</dd>
              <dt>Last scanned</dt>
              <dd>{formatMillis(img.lastScanned)}</dd>
              <dt>Vulnerabilities</dt>
              <dd>
                <SeverityCounts asset={img} />
              </dd>
              <dt>Tags</dt>
              <dd>
                {img.repo.map((r) => `${r.registry}/${r.repository}:${r.tag ?? '<none>'}`).join(', ') || '—'}
              </dd>
              <dt>Labels</dt>
              <dd>{img.label.map((l) => `${l.key}=${l.value}`).join(', ') || '—'}</dd>
            </dl>
          </>
        )}
      </QueryBlock>
      <Tabs
        label="Image sections"
        tabs={[
          {
            id: 'vulns',
            label: 'Vulnerabilities',
            render: () => (
              <QueryBlock query={vulns} request={imageVulnsRequest(id)}>
                {(rows) => <VulnsTable rows={rows} asset={image.data} />}
              </QueryBlock>
            ),
          },
          {
            id: 'software',
            label: 'Software',
            render: () => (
              <QueryBlock query={software} request={imageSoftwareRequest(id)}>
                {(rows) => <SoftwareTable rows={rows} />}
              </QueryBlock>
            ),
          },
          {
            id: 'layers',
            label: 'Layers',
            render: () => (
              <QueryBlock query={software} request={imageSoftwareRequest(id)}>
                {(rows) => <Layers software={rows} />}
              </QueryBlock>
            ),
          },
          {
            id: 'assoc',
            label: 'Containers and hosts',
            render: () => (
              <QueryBlock query={assoc} request={imageAssociationRequest(id)}>
                {(a) =>
                  a.containers.length + a.hosts.length === 0 ? (
                    <Empty>No containers or hosts run this image.</Empty>
                  ) : (
                    <ul>
                      {a.containers.map((c) => (
                        <li key={c.uuid}>
                          <Link to={`/assets/containers/${c.uuid}`}>{c.name}</Link> ({c.state})
                        </li>
                      ))}
                      {a.hosts.map((h) => (
                        <li key={h.uuid}>
                          Host {h.hostname ?? '—'} {h.ipAddress ?? ''}
                        </li>
                      ))}
                    </ul>
                  )
                }
              </QueryBlock>
            ),
          },
        ]}
      />
    </section>
  );
}
