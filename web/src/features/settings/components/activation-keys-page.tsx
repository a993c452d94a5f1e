/**
 * Settings → Activation keys: the keys sensors enrol with, and for each live key the
 * ready-to-copy install commands (docker run, systemd, Helm) with this server's URL and
 * the CustomerId filled in.
 */
import { useState } from 'react';
import { CopyBlock } from '../../../components/copy-block';
import { QueryBlock } from '../../../components/query-block';
import { Empty } from '../../../components/states';
import { StaticTable } from '../../../components/static-table';
import { formatMillis } from '../../../lib/format';
import {
  activationKeysRequest,
  useActivationKeys,
  useCreateActivationKey,
  useRevokeActivationKey,
} from '../api/activation-keys';
import { dockerRunLine, helmLine, systemdLines } from '../install-lines';

export default function ActivationKeysPage() {
  const q = useActivationKeys();
  const create = useCreateActivationKey();
  const revoke = useRevokeActivationKey();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">Activation keys</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(name, {
            onSuccess: (r) => {
              setName('');
              setChosen(r.id);
            },
          });
        }}
      >
        <label>
          Key name <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={create.isPending}>
          Create activation key
        </button>
      </form>
      {create.error && <p role="alert">{create.error.message}</p>}
      <QueryBlock query={q} request={activationKeysRequest}>
        {({ customerId, keys }) => {
          const live = keys.filter((k) => k.revokedAt === null);
          const key = live.find((k) => k.id === chosen) ?? live[0];
          const input = key && { activationId: key.id, customerId, serverUrl: window.location.origin };
          return (
            <>
              <p>
                CustomerId: <code data-testid="customer-id">{customerId}</code>
              </p>
              <StaticTable
                caption="Activation keys"
                rows={keys}
                rowKey={(k) => k.id}
                rowProps={(k) => ({ 'aria-current': k.id === key?.id ? 'true' : undefined })}
                empty="No activation key yet: create one to install sensors."
                columns={[
                  { header: 'Name', cell: (k) => k.name },
                  { header: 'ActivationId', cell: (k) => k.id, className: 'mono' },
                  { header: 'Created', cell: (k) => formatMillis(k.created) },
                  {
                    header: 'Status',
                    cell: (k) => (k.revokedAt ? `revoked ${formatMillis(k.revokedAt)}` : 'active'),
                  },
                  {
                    header: 'Actions',
                    cell: (k) =>
                      !k.revokedAt && (
                        <>
                          <button
                            type="button"
                            aria-label={`Show install commands for ${k.name}`}
                            aria-pressed={k.id === key?.id}
                            onClick={() => setChosen(k.id)}
                          >
                            Install commands
                          </button>{' '}
                          <button
                            type="button"
                            className="danger"
                            aria-label={`Revoke activation key ${k.name}`}
                            onClick={() => {
                              if (
                                window.confirm(`Revoke ${k.name}? New sensors can no longer enrol with it.`)
                              )
                                revoke.mutate(k.id);
                            }}
                          >
                            Revoke
                          </button>
                        </>
                      ),
                  },
                ]}
              />
              {revoke.error && <p role="alert">{revoke.error.message}</p>}
              {input && key ? (
                <section aria-labelledby="install-title">
                  <h3 id="install-title">Install a sensor with “{key.name}”</h3>
                  <CopyBlock
                    label="Docker (docker run)"
                    text={dockerRunLine(input)}
                    testId="install-docker"
                  />
                  <CopyBlock
                    label="Linux host with systemd"
                    text={systemdLines(input)}
                    testId="install-systemd"
                  />
                  <CopyBlock label="Kubernetes (Helm)" text={helmLine(input)} testId="install-helm" />
                </section>
              ) : (
                keys.length > 0 && <Empty>Every key is revoked: create one to install sensors.</Empty>
              )}
            </>
          );
        }}
      </QueryBlock>
    </section>
  );
}
