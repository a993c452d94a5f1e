/** `/healthz`: the process answers. `/readyz`: the database answers too (503 otherwise). */
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../db/schema.js';

const Status = Type.Object({ status: Type.String() });

export function registerHealth(app: FastifyInstance, db: Kysely<Database>): void {
  app.get('/healthz', { schema: { response: { 200: Status } } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { response: { 200: Status, 503: Status } } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'database unavailable' });
    }
  });
}
