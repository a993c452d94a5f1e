/** User menu → API tokens: create (secret shown once), list, revoke. */
import { useState } from 'react';
import { QueryBlock } from '../../../components/query-block';
import { StaticTable } from '../../../components/static-table';
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
        {(rows) => (
          <StaticTable
            caption="Active API tokens"
            columns={[
              { header: 'Name', cell: (t) => t.name },
              { header: 'Created', cell: (t) => formatMillis(t.created) },
              { header: 'Expires', cell: (t) => (t.expiresAt ? formatMillis(t.expiresAt) : 'never') },
              { header: 'Last used', cell: (t) => formatMillis(t.lastUsedAt) },
              {
                header: 'Actions',
                cell: (t) => (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => revoke.mutate(t.id)}
                    aria-label={`Revoke token ${t.name}`}
                  >
                    Revoke
                  </button>
                ),
              },
            ]}
            rows={rows.filter((t) => t.revokedAt === null)}
            rowKey={(t) => t.id}
            empty="No active tokens."
          />
        )}
      </QueryBlock>
    </section>
  );
}
