/**
 * Settings → Users and roles: list, create, disable / enable users and assign their roles;
 * create roles and choose their permissions (API_ACCESS is what the REST API and the
 * console need). Needs ADMIN; without it the server says so and the page shows why.
 */
import { useState } from 'react';
import { QueryBlock } from '../../../components/query-block';
import { Empty } from '../../../components/states';
import { formatMillis } from '../../../lib/format';
import { readSession } from '../../../lib/session';
import {
  type Role,
  rolesRequest,
  type User,
  useCreateRole,
  useCreateUser,
  usePermissions,
  useRoles,
  usersRequest,
  useUpdateRole,
  useUpdateUser,
  useUsers,
} from '../api/users';

function Checks({
  legend,
  options,
  checked,
  onChange,
}: {
  legend: string;
  options: { value: string; label: string; title?: string }[];
  checked: string[];
  onChange: (next: string[]) => void;
}) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} title={o.title}>
          <input
            type="checkbox"
            checked={checked.includes(o.value)}
            onChange={(e) =>
              onChange(e.target.checked ? [...checked, o.value] : checked.filter((v) => v !== o.value))
            }
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function UserRow({ user, roles }: { user: User; roles: Role[] }) {
  const update = useUpdateUser();
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState(user.roles);
  const me = readSession()?.username === user.username;
  return (
    <tr>
      <td data-label="User">
        {user.username}
        {me && <span className="badge">you</span>}
      </td>
      <td data-label="Roles">
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({ id: user.id, roles: chosen }, { onSuccess: () => setEditing(false) });
            }}
          >
            <Checks
              legend={`Roles of ${user.username}`}
              options={roles.map((r) => ({ value: r.name, label: r.name }))}
              checked={chosen}
              onChange={setChosen}
            />
            <button type="submit">Save roles</button>{' '}
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        ) : (
          user.roles.join(', ') || <span className="muted">none</span>
        )}
      </td>
      <td data-label="Status">{user.disabledAt ? `disabled ${formatMillis(user.disabledAt)}` : 'active'}</td>
      <td data-label="Created">{formatMillis(user.created)}</td>
      <td data-label="Actions">
        {!editing && (
          <button
            type="button"
            aria-label={`Edit roles of ${user.username}`}
            onClick={() => {
              setChosen(user.roles);
              setEditing(true);
            }}
          >
            Roles…
          </button>
        )}{' '}
        {!me && (
          <button
            type="button"
            className={user.disabledAt ? '' : 'danger'}
            aria-label={`${user.disabledAt ? 'Enable' : 'Disable'} user ${user.username}`}
            onClick={() => update.mutate({ id: user.id, disabled: !user.disabledAt })}
          >
            {user.disabledAt ? 'Enable' : 'Disable'}
          </button>
        )}
        {update.error && <p role="alert">{update.error.message}</p>}
      </td>
    </tr>
  );
}

function NewUserForm({ roles }: { roles: Role[] }) {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <form
      className="settings-form"
      aria-labelledby="new-user-title"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { username, password, roles: chosen },
          {
            onSuccess: () => {
              setUsername('');
              setPassword('');
              setChosen([]);
            },
          },
        );
      }}
    >
      <h3 id="new-user-title">New user</h3>
      <label>
        User name{' '}
        <input
          required
          pattern="[A-Za-z0-9._@\-]{1,128}"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        Initial password{' '}
        <input
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <Checks
        legend="Roles"
        options={roles.map((r) => ({ value: r.name, label: r.name }))}
        checked={chosen}
        onChange={setChosen}
      />
      <button type="submit" disabled={create.isPending}>
        Create user
      </button>
      {create.error && <p role="alert">{create.error.message}</p>}
    </form>
  );
}

function RolesSection({ roles }: { roles: Role[] }) {
  const perms = usePermissions();
  const create = useCreateRole();
  const update = useUpdateRole();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>(['API_ACCESS']);
  const options = (perms.data ?? []).map((p) => ({ value: p.name, label: p.name, title: p.description }));
  return (
    <>
      <table>
        <caption className="sr-only">Roles and their permissions</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Permissions</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => (
            <tr key={r.id}>
              <td data-label="Role">{r.name}</td>
              <td data-label="Permissions">
                <Checks
                  legend={`Permissions of ${r.name}`}
                  options={options}
                  checked={r.permissions}
                  onChange={(next) => update.mutate({ id: r.id, permissions: next })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {update.error && <p role="alert">{update.error.message}</p>}
      <dl className="facts">
        {(perms.data ?? []).map((p) => (
          <div key={p.name}>
            <dt>{p.name}</dt>
            <dd>{p.description}</dd>
          </div>
        ))}
      </dl>
      <form
        className="settings-form"
        aria-labelledby="new-role-title"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, permissions: chosen }, { onSuccess: () => setName('') });
        }}
      >
        <h3 id="new-role-title">New role</h3>
        <label>
          Role name <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <Checks
          legend="Permissions of the new role"
          options={options}
          checked={chosen}
          onChange={setChosen}
        />
        <button type="submit" disabled={create.isPending}>
          Create role
        </button>
        {create.error && <p role="alert">{create.error.message}</p>}
      </form>
    </>
  );
}

export default function UsersPage() {
  const users = useUsers();
  const roles = useRoles();
  const roleList = roles.data ?? [];
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <QueryBlock query={users} request={usersRequest}>
        {(rows) =>
          rows.length === 0 ? (
            <Empty>No users.</Empty>
          ) : (
            <table>
              <caption className="sr-only">Users of this customer</caption>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Status</th>
                  <th scope="col">Created</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((u) => (
                  <UserRow key={u.id} user={u} roles={roleList} />
                ))}
              </tbody>
            </table>
          )
        }
      </QueryBlock>
      {roles.data && <NewUserForm roles={roleList} />}
      <h2>Roles</h2>
      <QueryBlock query={roles} request={rolesRequest}>
        {(rows) => <RolesSection roles={rows} />}
      </QueryBlock>
    </section>
  );
}
