/** /csapi/v1.1/settings/users|roles|permissions — the customer's users and roles (ADMIN only). */
import { useQuery } from '@tanstack/react-query';
import { type ApiRequest, apiFetch } from '../../../lib/api-client';
import { apiQueryOptions } from '../../../lib/api-query';
import { useSave } from '../../../lib/use-save';

export interface User {
  id: string;
  username: string;
  created: number;
  disabledAt: number | null;
  roles: string[];
}

export interface Role {
  id: string;
  name: string;
  created: number;
  permissions: string[];
}

export const usersRequest: ApiRequest = { path: '/csapi/v1.1/settings/users' };
export const rolesRequest: ApiRequest = { path: '/csapi/v1.1/settings/roles' };
export const permissionsRequest: ApiRequest = { path: '/csapi/v1.1/settings/permissions' };

export const useUsers = () => useQuery(apiQueryOptions<User[]>(usersRequest));
export const useRoles = () => useQuery(apiQueryOptions<Role[]>(rolesRequest));
export const usePermissions = () =>
  useQuery(apiQueryOptions<{ name: string; description: string }[]>(permissionsRequest));

export const useCreateUser = () =>
  useSave((body: { username: string; password: string; roles: string[] }) =>
    apiFetch<{ id: string }>({ ...usersRequest, method: 'POST', body }),
  );

export const useUpdateUser = () =>
  useSave(({ id, ...body }: { id: string; roles?: string[]; disabled?: boolean }) =>
    apiFetch<User>({ method: 'PUT', path: `${usersRequest.path}/${id}`, body }),
  );

export const useCreateRole = () =>
  useSave((body: { name: string; permissions: string[] }) =>
    apiFetch<{ id: string }>({ ...rolesRequest, method: 'POST', body }),
  );

export const useUpdateRole = () =>
  useSave(({ id, permissions }: { id: string; permissions: string[] }) =>
    apiFetch<Role>({ method: 'PUT', path: `${rolesRequest.path}/${id}`, body: { permissions } }),
  );
