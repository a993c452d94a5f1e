/**
 * `/csapi/v1.1/settings/users|roles|permissions`: the customer's users and roles, managed
 * from the console by a user holding ADMIN (the same rows `bulwark admin` manages). An
 * administrator cannot disable themself or take ADMIN away from themself, so a customer is
 * never left without anyone able to manage it from the console.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulwarkError } from '../../../../../core/errors.js';
import { PERMISSIONS } from '../../../../../db/permissions.js';
import { createRole, createUser } from '../../../../../db/repositories/accounts-repository.js';
import {
  permissionsOfRoles,
  roleNameTaken,
  rolesWithPermissions,
  setRolePermissions,
  setUserDisabled,
  setUserRoles,
  usersWithRoles,
} from '../../../../../db/repositories/user-admin-repository.js';
import type { RouteDeps } from '../../../../app.js';
import { scopeOf } from '../../../../auth.js';
import { errorResponses, IdParam, Nullable } from '../../../../schemas.js';
import { requireAdmin } from './require-admin.js';

const PermissionName = Type.Union(Object.keys(PERMISSIONS).map((p) => Type.Literal(p)));
const RoleName = Type.String({ minLength: 1, maxLength: 100 });

const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  created: Type.Integer(),
  disabledAt: Nullable(Type.Integer()),
  roles: Type.Array(Type.String()),
});

const Role = Type.Object({
  id: Type.String(),
  name: Type.String(),
  created: Type.Integer(),
  permissions: Type.Array(Type.String()),
});

const CreateUser = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9._@-]{1,128}$' }),
    password: Type.String({ minLength: 8, maxLength: 1024 }),
    roles: Type.Array(RoleName, { maxItems: 50 }),
  },
  { additionalProperties: false },
);

const UpdateUser = Type.Object(
  {
    roles: Type.Optional(Type.Array(RoleName, { maxItems: 50 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const RoleBody = Type.Object(
  { name: RoleName, permissions: Type.Array(PermissionName, { maxItems: 20 }) },
  { additionalProperties: false },
);

const Created = Type.Object({ id: Type.String() });

export function usersRoutes(deps: RouteDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<TypeBoxTypeProvider>();
    app.addHook('preHandler', requireAdmin);
    const tags = ['settings'];
    app.get(
      '/settings/permissions',
      {
        schema: {
          tags,
          summary: 'Every permission a role can grant',
          response: {
            200: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
            ...errorResponses,
          },
        },
      },
      async () => Object.entries(PERMISSIONS).map(([name, description]) => ({ name, description })),
    );
    app.get(
      '/settings/users',
      {
        schema: {
          tags,
          summary: 'Users of the customer',
          response: { 200: Type.Array(User), ...errorResponses },
        },
      },
      async (req) => usersWithRoles(scopeOf(req)),
    );
    app.post(
      '/settings/users',
      {
        schema: {
          tags,
          summary: 'Create a user with roles',
          body: CreateUser,
          response: { 200: Created, ...errorResponses },
        },
      },
      async (req) => {
        const { username, password, roles } = req.body;
        return { id: await createUser(deps.db, scopeOf(req).customerId, username, password, roles) };
      },
    );
    app.put(
      '/settings/users/:userId',
      {
        schema: {
          tags,
          summary: 'Assign roles to a user, or disable / enable it',
          params: IdParam('userId', 'user id'),
          body: UpdateUser,
          response: { 200: User, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const self = req.principal?.userId === req.params.userId;
        const { roles, disabled } = req.body;
        if (self && disabled) throw new BulwarkError('BAD_REQUEST', 'you cannot disable yourself');
        if (self && roles && !(await permissionsOfRoles(scope, roles)).has('ADMIN'))
          throw new BulwarkError('BAD_REQUEST', 'you cannot take the ADMIN permission away from yourself');
        if (roles) await setUserRoles(scope, req.params.userId, roles);
        if (disabled !== undefined) await setUserDisabled(scope, req.params.userId, disabled);
        const user = (await usersWithRoles(scope)).find((u) => u.id === req.params.userId);
        if (!user) throw new BulwarkError('NOT_FOUND', `no user ${req.params.userId}`);
        return user;
      },
    );
    app.get(
      '/settings/roles',
      {
        schema: {
          tags,
          summary: 'Roles of the customer with their permissions',
          response: { 200: Type.Array(Role), ...errorResponses },
        },
      },
      async (req) => rolesWithPermissions(scopeOf(req)),
    );
    app.post(
      '/settings/roles',
      {
        schema: {
          tags,
          summary: 'Create a role',
          body: RoleBody,
          response: { 200: Created, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        if (await roleNameTaken(scope, req.body.name))
          throw new BulwarkError('CONFLICT', `a role "${req.body.name}" exists`);
        return { id: await createRole(deps.db, scope.customerId, req.body.name, req.body.permissions) };
      },
    );
    app.put(
      '/settings/roles/:roleId',
      {
        schema: {
          tags,
          summary: 'Replace the permissions of a role',
          params: IdParam('roleId', 'role id'),
          body: Type.Object(
            { permissions: Type.Array(PermissionName, { maxItems: 20 }) },
            { additionalProperties: false },
          ),
          response: { 200: Role, ...errorResponses },
        },
      },
      async (req) => {
        const scope = scopeOf(req);
        const wanted: readonly string[] = req.body.permissions;
        if (!wanted.includes('ADMIN')) {
          const roles = await rolesWithPermissions(scope);
          const mine = (await usersWithRoles(scope)).find((u) => u.id === req.principal?.userId)?.roles ?? [];
          const otherAdmin = roles.some(
            (r) => r.id !== req.params.roleId && mine.includes(r.name) && r.permissions.includes('ADMIN'),
          );
          const editsMine = roles.some((r) => r.id === req.params.roleId && mine.includes(r.name));
          if (editsMine && !otherAdmin)
            throw new BulwarkError('BAD_REQUEST', 'you cannot take the ADMIN permission away from yourself');
        }
        await setRolePermissions(scope, req.params.roleId, req.body.permissions);
        const role = (await rolesWithPermissions(scope)).find((r) => r.id === req.params.roleId);
        if (!role) throw new BulwarkError('NOT_FOUND', `no role ${req.params.roleId}`);
        return role;
      },
    );
  };
}
