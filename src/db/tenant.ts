/**
 * The ONE place the tenant scope is applied. Repositories reach tenant-owned tables only
 * through a `TenantScope`, whose builders already carry `customer_id = <caller's customer>`
 * (and whose inserts stamp it), so a route or repository cannot forget it.
 * `src/db/tenant.test.ts` checks that no repository touches `db.selectFrom` directly.
 */
import {
  type DeleteQueryBuilder,
  type DeleteResult,
  type Insertable,
  type Kysely,
  type SelectQueryBuilder,
  sql,
  type UpdateQueryBuilder,
  type UpdateResult,
} from 'kysely';
import type { Database, TableName } from './schema.js';

/** Tables whose rows belong to a customer. */
export type TenantTable = {
  [K in TableName]: Database[K] extends { customer_id: string } ? K : never;
}[TableName];

type WithoutCustomer<T extends TenantTable> = Omit<Insertable<Database[T]>, 'customer_id'>;

export class TenantScope {
  constructor(
    readonly db: Kysely<Database>,
    readonly customerId: string,
  ) {}

  private customerRef(table: TenantTable) {
    return sql.ref<string>(`${table}.customer_id`);
  }

  /** `select … from <table> where <table>.customer_id = <customer>`. */
  selectFrom<T extends TenantTable>(table: T): SelectQueryBuilder<Database, T, object> {
    const builder = this.db
      .selectFrom(table as TenantTable)
      .where(this.customerRef(table), '=', this.customerId);
    return builder as unknown as SelectQueryBuilder<Database, T, object>;
  }

  updateTable<T extends TenantTable>(table: T): UpdateQueryBuilder<Database, T, T, UpdateResult> {
    const builder = this.db
      .updateTable(table as TenantTable)
      .where(this.customerRef(table), '=', this.customerId);
    return builder as unknown as UpdateQueryBuilder<Database, T, T, UpdateResult>;
  }

  deleteFrom<T extends TenantTable>(table: T): DeleteQueryBuilder<Database, T, DeleteResult> {
    const builder = this.db
      .deleteFrom(table as TenantTable)
      .where(this.customerRef(table), '=', this.customerId);
    return builder as unknown as DeleteQueryBuilder<Database, T, DeleteResult>;
  }

  /** Inserts rows stamped with the customer. */
  async insert<T extends TenantTable>(table: T, rows: WithoutCustomer<T>[]): Promise<void> {
    if (rows.length === 0) return;
    const stamped = rows.map((row) => ({ ...row, customer_id: this.customerId }));
    // Kysely cannot relate a generic table name to its row type; the stamped rows are exactly
    // Insertable<Database[T]> by construction.
    await this.db
      .insertInto(table as TenantTable)
      .values(stamped as unknown as Insertable<Database['images']>[])
      .execute();
  }

  /** The same scope inside a transaction. */
  async transaction<R>(work: (scope: TenantScope) => Promise<R>): Promise<R> {
    return this.db.transaction().execute((trx) => work(new TenantScope(trx, this.customerId)));
  }
}
