/**
 * Settings → Activation keys: the keys sensors enrol with, and for each live key the
 * ready-to-copy install commands (docker run, systemd, Helm) with this server's URL and
 * the CustomerId filled in.
 */
import { useState } from 'react';
import { CopyBlock } from '../../../components/copy-block';
import { QueryBlock } from '../../../components/query-block';
import { Empty } from '../../../components/states';
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
              {keys.length === 0 ? (
                <Empty>No activation key yet: create one to install sensors.</Empty>
              ) : (
                <table>
                  <caption className="sr-only">Activation keys</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">ActivationId</th>
                      <th scope="col">Created</th>
                      <th scope="col">Status</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {keys.map((k) => (
                      <tr key={k.id} aria-current={k.id === key?.id ? 'true' : undefined}>
                        <td data-label="Name">{k.name}</td>
                        <td data-label="ActivationId" className="mono">
                          {k.id}
                        </td>
                        <td data-label="Created">{formatMillis(k.created)}</td>
                        <td data-label="Status">
                          {k.revokedAt ? `revoked ${formatMillis(k.revokedAt)}` : 'active'}
                        </td>
                        <td data-label="Actions">
                          {!k.revokedAt && (
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
                                    window.confirm(
                                      `Revoke ${k.name}? New sensors can no longer enrol with it.`,
                                    )
                                  )
                                    revoke.mutate(k.id);
                                }}
                              >
                                Revoke
                              </button>
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
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
