/** Every permission a role can grant. `API_ACCESS` is what `/csapi` requires. */
export const PERMISSIONS = {
  API_ACCESS: 'use the /csapi REST API',
  MANAGE_INVENTORY: 'delete images, containers and sensors; manage registries and schedules',
  ADMIN: 'manage users, roles, API tokens and activation ids of the customer',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** The role the first admin of each customer gets. */
export const ADMIN_ROLE = { name: 'Administrator', permissions: Object.keys(PERMISSIONS) as Permission[] };
