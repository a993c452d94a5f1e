/** Turns the list query string into a repository `ListQuery`, compiling QQL filter and sort. */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DialectName } from '../db/dialects.js';
import type { ListQuery } from '../db/repositories/list-query.js';
import type { Database } from '../db/schema.js';
import { type QqlEntity, qqlOrderBy } from '../qql/index.js';
import { scopeOf } from './auth.js';
import { qqlWhereLooked } from './qql-lookups.js';

export interface ListParams {
  filter?: string;
  pageNo?: number;
  pageNumber?: number;
  pageSize?: number;
  sort?: string;
  fromDate?: number;
  toDate?: number;
}

/** The reference's sample passes seconds; its timestamps are milliseconds. Accept both. */
export function epochMillis(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  return value < 1e11 ? value * 1000 : value;
}

export async function listQuery<E extends QqlEntity & keyof Database>(
  req: FastifyRequest,
  entity: E,
  deps: { db: Kysely<Database>; dialect: DialectName },
  params: ListParams,
  options: { now?: number } = {},
): Promise<ListQuery<E>> {
  const scope = scopeOf(req);
  const { dialect } = deps;
  const filter = params.filter?.trim()
    ? await qqlWhereLooked(deps.db, entity, params.filter, {
        dialect,
        customerId: scope.customerId,
        now: options.now ?? Date.now(),
      })
    : undefined;
  return {
    filter,
    order: qqlOrderBy(entity, params.sort, { dialect }),
    pageNo: params.pageNo ?? params.pageNumber ?? 1,
    pageSize: params.pageSize ?? 50,
    fromDate: epochMillis(params.fromDate),
    toDate: epochMillis(params.toDate),
  };
}
