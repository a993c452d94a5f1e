import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { principalForToken } from '../db/repositories/accounts-repository.js';
import { DIALECTS, freshDatabase } from '../test-support/test-databases.js';
import { runAdmin } from './admin-actions.js';

for (const dialect of DIALECTS) {
  describe(`bulwark admin actions (${dialect})`, () => {
    it('create, list and revoke customers, users, roles, tokens and activation ids', async () => {
      const t = await freshDatabase(dialect, { migrate: false });
      try {
        const run = (action: Parameters<typeof runAdmin>[1]) => runAdmin(t.target, action);
        const customer = /CustomerId: (\S+)/.exec(
          (await run({ kind: 'customers-create', name: 'acme' })).join('\n'),
        )![1]!;
        assert.match((await run({ kind: 'customers-list' })).join('\n'), new RegExp(`${customer}\tacme`));
        await run({ kind: 'roles-create', customer, name: 'readers', permissions: ['API_ACCESS'] });
        await assert.rejects(
          run({ kind: 'roles-create', customer, name: 'bad', permissions: ['SUDO'] }),
          /unknown permission/,
        );
        assert.match((await run({ kind: 'roles-list', customer })).join('\n'), /readers\tAPI_ACCESS/);
        const created = await run({ kind: 'users-create', customer, username: 'ann', roles: ['readers'] });
        assert.match(created.join('\n'), /password: \S{16,}/);
        await assert.rejects(run({ kind: 'users-create', customer, username: 'ann', roles: [] }), /taken/);
        const token = await run({
          kind: 'tokens-create',
          customer,
          username: 'ann',
          name: 'ci',
          expiresInDays: 1,
        });
        const secret = /secret: (\S+)/.exec(token.join('\n'))![1]!;
        const id = /token (\S+)/.exec(token[0]!)![1]!;
        assert.equal((await principalForToken(t.db, secret))?.username, 'ann');
        assert.match((await run({ kind: 'tokens-list', customer })).join('\n'), /ci\tann\t.*active/);
        await run({ kind: 'tokens-revoke', customer, id });
        assert.equal(await principalForToken(t.db, secret), null);
        await assert.rejects(run({ kind: 'tokens-revoke', customer, id }), /no active API token/);
        const activation = /ActivationId: (\S+)/.exec(
          (await run({ kind: 'activation-ids-create', customer, name: 'dc1' })).join('\n'),
        )![1]!;
        await run({ kind: 'activation-ids-revoke', customer, id: activation });
        assert.match(
          (await run({ kind: 'activation-ids-list', customer })).join('\n'),
          new RegExp(`${activation}\tdc1\trevoked`),
        );
        await run({ kind: 'users-revoke', customer, username: 'ann' });
        assert.match((await run({ kind: 'users-list', customer })).join('\n'), /ann\tdisabled/);
        await assert.rejects(
          run({ kind: 'users-list', customer: 'no-such-customer' }).then(() =>
            run({ kind: 'activation-ids-create', customer: 'no-such-customer', name: 'x' }),
          ),
          /no customer/,
        );
      } finally {
        await t.dispose();
      }
    });
  });
}
