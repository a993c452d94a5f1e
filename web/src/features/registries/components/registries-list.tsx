/** Registries: the registries Bulwark scans, with their type, credentials and last scan. */
import { Link } from 'react-router';
import type { Column } from '../../../components/data-table';
import { ListView } from '../../../components/list-view';
import { formatMillis } from '../../../lib/format';
import { registriesRequest } from '../api/get-registries';

interface Registry {
  registryUuid: string;
  registryUri: string;
  registryType: string;
  credentialType: string;
  username: string | null;
  created: string | null;
  lastScanned: string | null;
}

const columns: Column<Registry>[] = [
  {
    id: 'uri',
    header: 'Registry',
    meta: { sortToken: 'registryUri' },
    cell: ({ row }) => (
      <Link to={`/registries/${row.original.registryUuid}`}>{row.original.registryUri}</Link>
    ),
  },
  { id: 'type', header: 'Type', cell: ({ row }) => row.original.registryType },
  { id: 'cred', header: 'Credentials', cell: ({ row }) => row.original.credentialType },
  { id: 'created', header: 'Created', cell: ({ row }) => formatMillis(row.original.created) },
  { id: 'lastScanned', header: 'Last scanned', cell: ({ row }) => formatMillis(row.original.lastScanned) },
];

export default function RegistriesList() {
  return (
    <ListView
      title="Registries"
      entity="registries"
      request={registriesRequest}
      columns={columns}
      rowKey={(r) => r.registryUuid}
      emptyText="No registries yet: add one with “New registry”."
      actions={
        <Link className="button-link" to="/registries/new">
          New registry
        </Link>
      }
    />
  );
}
