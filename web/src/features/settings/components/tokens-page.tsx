/** User menu → API tokens: create (secret shown once), list, revoke. */
import { useState } from 'react';
import { QueryBlock } from '../../../components/query-block';
import { Empty } from '../../../components/states';
import { formatMillis } from '../../../lib/format';
import { useCreateToken } from '../api/create-token';
import { tokensRequest, useTokens } from '../api/get-tokens';
import { useRevokeToken } from '../api/revoke-token';

export default function TokensPage() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">API tokens</h1>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, ...(Number(days) > 0 ? { expiresInDays: Number(days) } : {}) });
          setName('');
        }}
      >
        <label>
          Token name <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Expires in (days){' '}
          <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <button type="submit" disabled={create.isPending}>
          Create token
        </button>
      </form>
      {create.data && (
        <div className="notice" role="status">
          New token (copy it now, it is not shown again):{' '}
          <code data-testid="new-token">{create.data.token}</code>
        </div>
      )}
      {create.error && <p role="alert">{create.error.message}</p>}
      <QueryBlock query={tokens} request={tokensRequest}>
        {(rows) => {
          const live = rows.filter((t) => t.revokedAt === null);
          return live.length === 0 ? (
            <Empty>No active tokens.</Empty>
          ) : (
            <table>
              <caption className="sr-only">Active API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {live.map((t) => (
                  <tr key={t.id}>
                    <td data-label="Name">{t.name}</td>
                    <td data-label="Created">{formatMillis(t.created)}</td>
                    <td data-label="Expires">{t.expiresAt ? formatMillis(t.expiresAt) : 'never'}</td>
                    <td data-label="Last used">{formatMillis(t.lastUsedAt)}</td>
                    <td data-label="Actions">
                      <button
                        type="button"
                        className="danger"
                        onClick={() => revoke.mutate(t.id)}
                        aria-label={`Revoke token ${t.name}`}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </QueryBlock>
    </section>
  );
}
