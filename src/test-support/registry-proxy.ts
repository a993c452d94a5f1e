/**
 * A counting loopback reverse proxy in front of a real registry, for registry-client tests:
 * it forwards every request unchanged, records what passed (method, path, status), and can
 * answer chosen requests itself with 429 Too Many Requests and a Retry-After, as Docker Hub
 * does when a pull quota runs out. The registry behind it stays the real one; only the
 * throttling is staged, since no registry we can run here throttles on command.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';

export interface ProxiedRequest {
  method: string;
  path: string;
  status: number;
  /** When the proxy received it (ms since epoch). */
  at: number;
}

export interface ThrottleRule {
  /** Which requests to throttle (method and path). */
  match: (method: string, path: string) => boolean;
  /** How many matching requests get a 429 (the first ones). */
  times: number;
  /** The Retry-After header value sent. */
  retryAfter: string;
}

export interface RegistryProxy {
  /** `127.0.0.1:PORT` */
  host: string;
  readonly requests: ProxiedRequest[];
  throttle(rule: ThrottleRule): void;
  /** Holds matching requests this long before forwarding them (a slow registry: lets time pass mid-job). */
  slow(match: (method: string, path: string) => boolean, ms: number): void;
  /** Blob GETs seen (layers and configs), by digest. */
  blobGets(): string[];
  close(): Promise<void>;
}

export async function startRegistryProxy(target: string): Promise<RegistryProxy> {
  const requests: ProxiedRequest[] = [];
  const rules: ThrottleRule[] = [];
  const slowRules: { match: (method: string, path: string) => boolean; ms: number }[] = [];
  const [targetHost, targetPort] = target.split(':') as [string, string];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const at = Date.now();
    const rule = rules.find((r) => r.times > 0 && r.match(method, path));
    if (rule) {
      rule.times--;
      requests.push({ method, path, status: 429, at });
      req.resume();
      res.writeHead(429, { 'retry-after': rule.retryAfter, 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'staged rate limit' }] }));
      return;
    }
    const delay = slowRules.find((r) => r.match(method, path))?.ms ?? 0;
    if (delay > 0) req.pause();
    setTimeout(() => forward(req, res, method, path, at), delay);
  };
  const forward = (req: IncomingMessage, res: ServerResponse, method: string, path: string, at: number) => {
    const upstream = request(
      { host: targetHost, port: Number(targetPort), method, path, headers: { ...req.headers, host: target } },
      (up) => {
        requests.push({ method, path, status: up.statusCode ?? 0, at });
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      requests.push({ method, path, status: 502, at });
      res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(upstream);
  };
  const server = createServer(handle);
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );
  return {
    host: `127.0.0.1:${port}`,
    requests,
    throttle: (rule) => rules.push({ ...rule }),
    slow: (match, ms) => slowRules.push({ match, ms }),
    blobGets: () =>
      requests
        .filter((r) => r.method === 'GET' && r.status === 200 && /\/blobs\/sha256:/.test(r.path))
        .map((r) => r.path.slice(r.path.lastIndexOf('/') + 1)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
