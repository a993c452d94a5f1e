/** Sensors: status, type, version, host, last heartbeat; a sensor in UNKNOWN status can be deleted. */
import type { Column } from '../../../components/data-table';
import { ListView } from '../../../components/list-view';
import { formatMillis } from '../../../lib/format';
import { useDeleteSensors } from '../api/delete-sensors';
import { sensorsRequest } from '../api/get-sensors';

interface Sensor {
  sensorUuid: string;
  hostname: string;
  ipAddress: string | null;
  version: string | null;
  sensorType: string;
  status: string;
  lastCheckedIn: string | null;
}

function DeleteButton({ sensor }: { sensor: Sensor }) {
  const del = useDeleteSensors();
  if (sensor.status !== 'UNKNOWN')
    return (
      <span className="muted" title="Only sensors in UNKNOWN status can be deleted">
        —
      </span>
    );
  return (
    <>
      <button
        type="button"
        className="danger"
        disabled={del.isPending}
        aria-label={`Delete sensor ${sensor.hostname}`}
        onClick={() => {
          if (window.confirm(`Delete sensor ${sensor.hostname}? Its hosts and data stay.`))
            del.mutate([sensor.sensorUuid]);
        }}
      >
        {del.isPending ? 'Deleting…' : 'Delete'}
      </button>
      {del.error && <span role="alert"> {del.error.message}</span>}
    </>
  );
}

const columns: Column<Sensor>[] = [
  {
    id: 'hostname',
    header: 'Host',
    meta: { sortToken: 'hostname' },
    cell: ({ row }) => row.original.hostname,
  },
  { id: 'ip', header: 'IP address', cell: ({ row }) => row.original.ipAddress ?? '—' },
  { id: 'status', header: 'Status', meta: { sortToken: 'status' }, cell: ({ row }) => row.original.status },
  {
    id: 'type',
    header: 'Mode',
    meta: { sortToken: 'sensorType' },
    cell: ({ row }) => row.original.sensorType,
  },
  {
    id: 'version',
    header: 'Version',
    meta: { sortToken: 'version' },
    cell: ({ row }) => row.original.version ?? '—',
  },
  {
    id: 'heartbeat',
    header: 'Last heartbeat',
    meta: { sortToken: 'lastCheckedIn' },
    cell: ({ row }) => formatMillis(row.original.lastCheckedIn),
  },
  { id: 'actions', header: 'Actions', cell: ({ row }) => <DeleteButton sensor={row.original} /> },
];

export default function SensorsList() {
  return (
    <ListView
      title="Sensors"
      entity="sensors"
      request={sensorsRequest}
      columns={columns}
      rowKey={(r) => r.sensorUuid}
      emptyText="No sensors. Activate one with `bulwark sensor` and your activation id."
    />
  );
}
