/**
 * The one place errors become HTTP answers: a BulwarkError's code picks the status,
 * Fastify's own client errors (bad JSON, too large, validation) become BAD_REQUEST /
 * PAYLOAD_TOO_LARGE, anything else is a 500 whose body says only "internal error" and the
 * request id (the stack goes to the log, never to the client).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { BulwarkError, type ErrorCode } from '../core/errors.js';
import { QqlError } from '../qql/index.js';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  QQL_SYNTAX: 400,
  QQL_UNKNOWN_TOKEN: 400,
  QQL_BAD_VALUE: 400,
  QQL_TOO_COMPLEX: 400,
  USAGE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  DB_UNAVAILABLE: 503,
  SECRET_KEY_MISSING: 503,
};

export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  /** QQL errors: the 1-based column of the mistake. */
  column?: number;
}

function isFastifyError(err: unknown): err is FastifyError {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}

/** `invalid body: /imageIds/0 must match pattern …` — and the name of an unknown field. */
function validationMessage(err: FastifyError): string {
  const first = err.validation?.[0];
  const where = err.validationContext ?? 'request';
  if (!first) return `invalid ${where}: ${err.message}`;
  const params = first.params as Record<string, unknown>;
  const field = first.instancePath || '';
  if (first.keyword === 'additionalProperties') {
    return `invalid ${where}: unknown field "${String(params.additionalProperty)}"${field ? ` in ${field}` : ''}`;
  }
  return `invalid ${where}: ${field ? `${field} ` : ''}${first.message ?? 'is not valid'}`;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const requestId = String(req.id);
    if (err instanceof BulwarkError) {
      const status = STATUS[err.code] ?? 500;
      if (status >= 500) req.log.error({ err }, 'request failed');
      const body: ErrorBody = {
        code: err.code,
        message: status >= 500 ? 'internal error' : err.message,
        requestId,
      };
      if (err instanceof QqlError) body.column = err.column;
      if (status === 401) reply.header('www-authenticate', 'Basic realm="bulwark", charset="UTF-8"');
      return reply.status(status).send(body);
    }
    // Request validation (400); a response failing its schema is our bug and falls through to 500.
    if (isFastifyError(err) && err.validation && err.code !== 'FST_RESPONSE_VALIDATION_FAILED_VALIDATION') {
      return reply.status(400).send({ code: 'BAD_REQUEST', message: validationMessage(err), requestId });
    }
    if (isFastifyError(err) && err.statusCode === 413) {
      return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: err.message, requestId });
    }
    if (
      isFastifyError(err) &&
      err.statusCode !== undefined &&
      err.statusCode >= 400 &&
      err.statusCode < 500
    ) {
      // Malformed JSON, wrong content type, empty body…: Fastify's message names the problem.
      return reply.status(err.statusCode).send({ code: 'BAD_REQUEST', message: err.message, requestId });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ code: 'INTERNAL', message: 'internal error', requestId });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({
      code: 'NOT_FOUND',
      message: `no route ${req.method} ${req.url.split('?')[0]}`,
      requestId: String(req.id),
    }),
  );
}
