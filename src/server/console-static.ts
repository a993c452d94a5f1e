/**
 * Serves the built web console (`web/dist`, shipped in the npm package) at `/`: hashed
 * assets with a long cache, and `index.html` for every other GET that is not an API path,
 * so deep links (`/assets/images/…`) work after a reload. Without a built console, `/`
 * leads to the API docs as before. Files are read on request (a few, small, cached by the
 * browser); a path never leaves the console directory.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** `src/server` and `dist/server` are both two levels below the package root. */
export function defaultConsoleDir(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'web', 'dist');
}

const API_PREFIXES = ['/csapi/', '/console/', '/docs', '/openapi.json', '/health', '/metrics'];

export function registerConsole(app: FastifyInstance, dir = defaultConsoleDir()): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/docs'));
    return;
  }
  const root = resolve(dir) + sep;
  const assets = join(root, 'static') + sep;
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const path = decodeURIComponent((req.url.split('?')[0] ?? '/').replace(/^\/+/, ''));
    if (API_PREFIXES.some((p) => `/${path}`.startsWith(p))) {
      return reply.callNotFound();
    }
    const file = resolve(root, normalize(path));
    if (path.startsWith('static/') && file.startsWith(assets) && existsSync(file)) {
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      return reply.type(TYPES[extname(file)] ?? 'application/octet-stream').send(await readFile(file));
    }
    if (path.startsWith('static/')) {
      return reply.code(404).send({ code: 'NOT_FOUND', message: `no file ${req.url}`, requestId: req.id });
    }
    reply.header('cache-control', 'no-cache');
    return reply.type(TYPES['.html'] as string).send(await readFile(index));
  });
}
