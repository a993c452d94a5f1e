/** Settings that manage people and sensor enrolment need ADMIN on top of API access. */
import type { FastifyRequest } from 'fastify';
import { BulwarkError } from '../../../../../core/errors.js';

export async function requireAdmin(req: FastifyRequest): Promise<void> {
  const p = req.principal;
  if (!p) throw new BulwarkError('UNAUTHENTICATED', 'authentication required');
  if (!p.permissions.has('ADMIN'))
    throw new BulwarkError('FORBIDDEN', `user "${p.username}" lacks permission ADMIN`);
}
