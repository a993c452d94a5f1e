/**
 * Builds the Fastify app: request ids, pino logs, JSON-schema validation that rejects
 * unknown fields, one error handler, health and metrics, OpenAPI + Swagger UI, and the
 * `/csapi/v1.1` routes behind authentication. `buildApp` does not listen; `startServer`
 * (server-main.ts) does, and tests use `app.inject()`.
 */
import { randomUUID } from 'node:crypto';
import responseValidation from '@fastify/response-validation';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { version } from '../cli/version.js';
import type { DialectName } from '../db/dialects.js';
import type { Database } from '../db/schema.js';
import { requireUser } from './auth.js';
import { registerConsole } from './console-static.js';
import { installErrorHandler } from './error-handler.js';
import { registerHealth } from './health.js';
import { LoginLimiter } from './login-limiter.js';
import type { MatchContext } from './matching/index.js';
import { registerMetrics } from './metrics.js';
import { SecretBox } from './registry/secret-box.js';
import { sessionRoutes } from './routes/console/session-routes.js';
import { csapiRoutes } from './routes/csapi/v1.1/index.js';
import { ErrorResponse } from './schemas.js';
import { sensorApi } from './sensor/sensor-routes.js';

export interface AppOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  /** pino options, or false for silence (tests). */
  logger?: FastifyServerOptions['logger'];
  https?: { key: Buffer; cert: Buffer } | null;
  /** Largest accepted request body, bytes (default 1 MiB). */
  bodyLimit?: number;
  limiter?: LoginLimiter;
  /** Server-side matching of uploaded SBOMs (absent: uploads are stored, not matched). */
  matching?: MatchContext;
  /** Built web console to serve at `/` (default: the package's web/dist). */
  consoleDir?: string;
  /** Seals registry secrets at rest (default: the key in BULWARK_SECRET_KEY(_FILE)). */
  secrets?: SecretBox;
}

export type App = FastifyInstance;

/**
 * Secrets never reach a log line: whatever logs a request body, headers or a registry
 * configuration gets these fields censored (registry passwords, tokens, AWS keys, the
 * caller's Authorization header, sensor credentials).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'body.password',
  'body.token',
  'body.credential',
  'body.aws.secretAccessKey',
  'body.aws.accessKeyId',
  '*.password',
  '*.token',
  '*.credential',
  '*.secretAccessKey',
  '*.awsSecretAccessKey',
  '*.awsAccessKeyId',
  'registry.password',
  'registry.token',
  'registry.awsSecretAccessKey',
];

function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return logger;
  const base = logger === true ? {} : logger;
  return { ...base, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}

export interface RouteDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Runs deletion jobs etc. after the response; tests await `drain()`. */
  background: Background;
  matching?: MatchContext | undefined;
  secrets: SecretBox;
}

/** In-process background work (embedded mode); remembers what is in flight for shutdown and tests. */
export class Background {
  private readonly running = new Set<Promise<void>>();
  constructor(private readonly onError: (err: unknown) => void) {}
  run(work: () => Promise<void>): void {
    const p = Promise.resolve()
      .then(work)
      .catch(this.onError)
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}

export async function buildApp(opts: AppOptions): Promise<App & { background: Background }> {
  const app = Fastify({
    logger: withRedaction(opts.logger ?? false),
    ...(opts.https ? { https: opts.https } : {}),
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    // A caller's x-request-id is kept for tracing only when it is a plain token (it ends up in logs).
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    // Unknown fields are an error, not silently dropped; query strings are coerced to numbers.
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true, allErrors: false },
    },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();
  const background = new Background((err) => app.log.error({ err }, 'background job failed'));
  app.decorate('background', background);
  app.decorateRequest('principal', null);
  app.decorateRequest('scope', null);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addSchema(ErrorResponse);
  installErrorHandler(app);
  // The API speaks JSON only: a text/plain body is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Bulwark API',
        version,
        description: 'The /csapi/v1.1 REST API of a Bulwark server (container-security inventory).',
      },
      components: {
        securitySchemes: {
          basic: { type: 'http', scheme: 'basic' },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token created with `bulwark admin tokens create`',
          },
          sensorCredential: {
            type: 'http',
            scheme: 'bearer',
            description:
              'the credential a sensor receives from POST /sensor/v1/activate (sensor endpoints only)',
          },
        },
      },
      security: [{ basic: [] }, { bearer: [] }],
    },
  });
  // Swagger UI's assets come from the installed package: no CDN, works offline.
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The web console (web/dist) at `/`, with deep links falling back to its index.html.
  registerConsole(app, opts.consoleDir);

  // Every response is checked against its route's schema before it is sent: a handler that
  // drifts from the documented shape is a 500 in tests, not a silent contract break.
  await app.register(responseValidation, {
    ajv: {
      removeAdditional: false,
      coerceTypes: false,
      useDefaults: false,
      allErrors: false,
      // Error responses are shared by $ref; the validator needs the schema they point to.
      plugins: [(ajv: { addSchema(schema: object): unknown }) => ajv.addSchema(ErrorResponse)],
    },
  });
  registerHealth(app, opts.db);
  registerMetrics(app);

  const secrets = opts.secrets ?? SecretBox.fromSource({});
  const deps: RouteDeps = {
    db: opts.db,
    dialect: opts.dialect,
    background,
    matching: opts.matching,
    secrets,
  };
  const limiter = opts.limiter ?? new LoginLimiter(opts.db);
  await app.register(sessionRoutes({ db: opts.db, dialect: opts.dialect, limiter }));
  await app.register(
    async (csapi) => {
      requireUser(csapi, { db: opts.db, dialect: opts.dialect, limiter });
      await csapi.register(csapiRoutes(deps));
    },
    { prefix: '/csapi/v1.1' },
  );
  // The sensor protocol: its own credentials, never a user's (src/server/sensor/sensor-auth.ts).
  await app.register(sensorApi({ db: opts.db, matching: opts.matching, secrets }), { prefix: '/sensor/v1' });
  return app as unknown as App & { background: Background };
}
