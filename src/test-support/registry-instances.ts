/**
 * Private `docker-registry` (distribution v2) instances for registry-scanning tests, each
 * on a free loopback port with its own storage and config in a temp dir:
 * - `auth: 'none'`     anonymous;
 * - `auth: 'htpasswd'` Basic auth against a bcrypt htpasswd file (`htpasswd -B`);
 * - `auth: 'token'`    Bearer token auth: a small token issuer in this process signs RS256
 *   JWTs with a key whose self-signed certificate the registry's `rootcertbundle` trusts
 *   (the certificate rides in the JWT's `x5c` header). The registry validating the tokens
 *   is the real one. `tokenTtlSeconds` makes tokens expire quickly (mid-job refresh tests).
 *
 * Images go in with `pushTinyImage` (hand-made layers through the registry's own API) or
 * `copyImage` (skopeo, e.g. from the provisioned registry). `requests()` reads the
 * registry's own request log, to count manifest/blob requests. Always `stop()` it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, createPrivateKey, createSign, randomUUID, timingSafeEqual } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './components.js';
import { makeGzipLayer, OCI_MANIFEST, ociManifest, putManifest, uploadBlob } from './registry-push.js';

export type RegistryAuth = 'none' | 'htpasswd' | 'token';

export interface RegistryInstanceOptions {
  auth: RegistryAuth;
  /** Default one user `bulwark` / `registry-test-pw`. */
  users?: { username: string; password: string }[];
  tokenTtlSeconds?: number;
}

export interface TokenAccess {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenIssuer {
  /** `http://127.0.0.1:PORT/token` */
  realm: string;
  service: string;
  /** Every token request seen (scopes asked, user or null when anonymous, answer status). */
  readonly requests: { scopes: string[]; user: string | null; status: number }[];
  /** A token signed now, as the issuer would hand it out (e.g. a pre-issued `Token` credential). */
  mint(access: TokenAccess[], ttlSeconds?: number): string;
}

export interface LoggedRequest {
  method: string;
  uri: string;
  status: number;
}

export interface RegistryInstance {
  auth: RegistryAuth;
  /** `127.0.0.1:PORT` */
  host: string;
  /** `http://127.0.0.1:PORT` */
  url: string;
  username: string;
  password: string;
  issuer: TokenIssuer | null;
  /** An Authorization header value that may push and pull `repository` (and list the catalog). */
  authorization(repository?: string): Promise<string | undefined>;
  /** The requests the registry served so far, from its own log. */
  requests(): Promise<LoggedRequest[]>;
  stop(): Promise<void>;
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function parseBasic(header: string | undefined): { username: string; password: string } | null {
  const [scheme, value] = (header ?? '').split(' ', 2);
  if (scheme?.toLowerCase() !== 'basic' || !value) return null;
  const text = Buffer.from(value, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? null : { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

function sameText(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** `repository:a/b:pull,push` → access entries; the registry asks for exactly these. */
function accessOf(scopes: string[]): TokenAccess[] {
  return scopes.flatMap((s) => {
    const first = s.indexOf(':');
    const last = s.lastIndexOf(':');
    if (first < 0 || last === first) return [];
    return [
      { type: s.slice(0, first), name: s.slice(first + 1, last), actions: s.slice(last + 1).split(',') },
    ];
  });
}

async function startIssuer(
  dir: string,
  users: { username: string; password: string }[],
  ttlSeconds: number,
): Promise<{ issuer: TokenIssuer; certPath: string; server: Server }> {
  const keyPath = join(dir, 'issuer-key.pem');
  const certPath = join(dir, 'issuer-cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    '2',
    '-subj',
    '/CN=bulwark-test-issuer',
  ]);
  const key = createPrivateKey(readFileSync(keyPath));
  const certDer = readFileSync(certPath, 'utf8')
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
  const service = 'bulwark-test-registry';
  const requests: TokenIssuer['requests'] = [];
  const mint = (access: TokenAccess[], ttl = ttlSeconds): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [certDer] };
    const claims = {
      iss: 'bulwark-test-issuer',
      sub: 'test',
      aud: service,
      exp: now + ttl,
      nbf: now - 5,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const sig = createSign('RSA-SHA256').update(input).sign(key);
    return `${input}.${b64url(sig)}`;
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://issuer');
    const scopes = url.searchParams
      .getAll('scope')
      .flatMap((s) => s.split(' '))
      .filter(Boolean);
    const given = parseBasic(req.headers.authorization);
    const ok =
      given && users.some((u) => u.username === given.username && sameText(u.password, given.password));
    if (url.pathname !== '/token' || !ok) {
      const status = url.pathname !== '/token' ? 404 : 401;
      requests.push({ scopes, user: given?.username ?? null, status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
      return;
    }
    requests.push({ scopes, user: given.username, status: 200 });
    const token = mint(accessOf(scopes));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        token,
        access_token: token,
        expires_in: ttlSeconds,
        issued_at: new Date().toISOString(),
      }),
    );
  };
  const server = createServer(handle);
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );
  return { issuer: { realm: `http://127.0.0.1:${port}/token`, service, requests, mint }, certPath, server };
}

function authSection(auth: RegistryAuth, dir: string, issuer: { realm: string; certPath: string } | null) {
  if (auth === 'htpasswd')
    return `auth:\n  htpasswd:\n    realm: bulwark-test\n    path: ${join(dir, 'htpasswd')}\n`;
  if (auth === 'token' && issuer)
    return [
      'auth:',
      '  token:',
      `    realm: ${issuer.realm}`,
      '    service: bulwark-test-registry',
      '    issuer: bulwark-test-issuer',
      `    rootcertbundle: ${issuer.certPath}`,
      '',
    ].join('\n');
  return '';
}

async function waitUntilUp(url: string, child: ChildProcess, logPath: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/v2/`);
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const log = await readFile(logPath, 'utf8').catch(() => '');
  throw new Error(`docker-registry at ${url} did not start:\n${log.slice(-2000)}`);
}

export async function startRegistryInstance(opts: RegistryInstanceOptions): Promise<RegistryInstance> {
  const dir = await mkdtemp(join(tmpdir(), 'bulwark-registry-'));
  const users = opts.users ?? [{ username: 'bulwark', password: 'registry-test-pw' }];
  const first = users[0] ?? { username: '', password: '' };
  let issuerParts: Awaited<ReturnType<typeof startIssuer>> | null = null;
  if (opts.auth === 'htpasswd') {
    const lines: string[] = [];
    for (const u of users) lines.push((await run('htpasswd', ['-nbB', u.username, u.password])).trim());
    await writeFile(join(dir, 'htpasswd'), `${lines.join('\n')}\n`);
  }
  if (opts.auth === 'token') issuerParts = await startIssuer(dir, users, opts.tokenTtlSeconds ?? 300);
  const port = await freeLoopbackPort();
  const host = `127.0.0.1:${port}`;
  const config = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${host}`,
    authSection(
      opts.auth,
      dir,
      issuerParts ? { realm: issuerParts.issuer.realm, certPath: issuerParts.certPath } : null,
    ),
  ].join('\n');
  const configPath = join(dir, 'config.yml');
  const logPath = join(dir, 'registry.log');
  await writeFile(configPath, config);
  const logFd = openSync(logPath, 'a');
  const child = spawn('docker-registry', ['serve', configPath], { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const url = `http://${host}`;
  try {
    await waitUntilUp(url, child, logPath);
  } catch (err) {
    child.kill();
    issuerParts?.server.close();
    throw err;
  }
  const issuer = issuerParts?.issuer ?? null;
  return {
    auth: opts.auth,
    host,
    url,
    username: first.username,
    password: first.password,
    issuer,
    async authorization(repository) {
      if (opts.auth === 'none') return undefined;
      if (opts.auth === 'htpasswd')
        return `Basic ${Buffer.from(`${first.username}:${first.password}`).toString('base64')}`;
      const access: TokenAccess[] = [{ type: 'registry', name: 'catalog', actions: ['*'] }];
      if (repository) access.push({ type: 'repository', name: repository, actions: ['pull', 'push'] });
      return `Bearer ${issuer?.mint(access)}`;
    },
    async requests() {
      const text = await readFile(logPath, 'utf8').catch(() => '');
      const out: LoggedRequest[] = [];
      for (const line of text.split('\n')) {
        if (!line.includes('response completed')) continue;
        const method = /http\.request\.method=(\w+)/.exec(line)?.[1];
        const m = /http\.request\.uri=(?:"([^"]*)"|(\S+))/.exec(line);
        const uri = m?.[1] ?? m?.[2];
        const status = /http\.response\.status=(\d+)/.exec(line)?.[1];
        if (method && uri && status) out.push({ method, uri, status: Number(status) });
      }
      return out;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (issuerParts) await new Promise((r) => issuerParts?.server.close(r));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface TinyImage {
  manifestDigest: string;
  configDigest: string;
  layerDigests: string[];
}

/**
 * Pushes a hand-made OCI image `repo:tag`: one gzip layer per entry of `layers` (file path →
 * content), bottom first, so two images built from the same first layers share those blobs.
 * `created` goes into the config (what "pushed in the last N days" reads).
 */
export async function pushTinyImage(
  reg: RegistryInstance,
  repo: string,
  tag: string,
  layers: Record<string, string>[],
  created = new Date().toISOString(),
): Promise<TinyImage> {
  const made = [];
  for (const files of layers) made.push(await makeGzipLayer(files));
  const target = { url: reg.url, authorization: (r: string) => reg.authorization(r) };
  const layerDigests: string[] = [];
  for (const l of made) layerDigests.push(await uploadBlob(repo, l.blob, target));
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    created,
    rootfs: { type: 'layers', diff_ids: made.map((l) => l.diffID) },
    config: {},
  });
  const configDigest = await uploadBlob(repo, Buffer.from(config), target);
  const manifest = ociManifest(
    config,
    configDigest,
    made.map((l, i) => ({ digest: layerDigests[i] as string, size: l.blob.length })),
  );
  const manifestDigest = await putManifest(repo, tag, OCI_MANIFEST, manifest, target);
  return {
    manifestDigest,
    configDigest,
    layerDigests,
  };
}

/**
 * Copies an image into the instance with skopeo (`source` as skopeo names it, e.g.
 * `docker://127.0.0.1:5055/debian:12` with `sourceCreds`, or `docker-daemon:…`).
 */
export async function copyImage(
  reg: RegistryInstance,
  source: string,
  repoTag: string,
  extra: { sourceCreds?: string; srcDaemonHost?: string } = {},
): Promise<void> {
  const args = ['copy', '--quiet', '--src-tls-verify=false', '--dest-tls-verify=false'];
  if (extra.sourceCreds) args.push('--src-creds', extra.sourceCreds);
  if (extra.srcDaemonHost) args.push('--src-daemon-host', extra.srcDaemonHost);
  if (reg.auth !== 'none') args.push('--dest-creds', `${reg.username}:${reg.password}`);
  args.push(source, `docker://${reg.host}/${repoTag}`);
  await run('skopeo', args);
}
