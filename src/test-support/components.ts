/**
 * Access to the real components that `scripts/provision.sh` starts for tests: a private
 * dockerd, an htpasswd-protected registry and a PostgreSQL cluster on loopback.
 *
 * provision.sh writes `$BULWARK_TEST_STATE/env` (default state dir `/tmp/bulwark-test`).
 * Every helper here THROWS when a component is missing: tests that need one must fail,
 * never skip, so a machine without them cannot pass the suite silently.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const PROVISION_HINT = 'run `bash scripts/provision.sh` (as root) first';

/** The directory provision.sh keeps its state in. */
export function testStateDir(): string {
  return process.env.BULWARK_TEST_STATE ?? '/tmp/bulwark-test';
}

/** The `KEY=value` pairs of `$STATE/env`. */
function readStateEnv(): Record<string, string> {
  const path = join(testStateDir(), 'env');
  if (!existsSync(path)) {
    throw new Error(`test components are not provisioned: ${path} is missing; ${PROVISION_HINT}`);
  }
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^(?:export\s+)?([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) vars[match[1]!] = match[2]!;
  }
  return vars;
}

function requireVar(vars: Record<string, string>, name: string): string {
  const value = vars[name];
  if (!value) throw new Error(`${name} is missing from ${join(testStateDir(), 'env')}; ${PROVISION_HINT}`);
  return value;
}

export interface TestDocker {
  /** `unix:///…/docker.sock` of the private test dockerd. */
  host: string;
  /** process.env plus DOCKER_HOST pointing at the test dockerd, for child processes. */
  env: NodeJS.ProcessEnv;
}

/** The private test dockerd. Throws if provision.sh has not started it. */
export function testDocker(): TestDocker {
  const host = requireVar(readStateEnv(), 'BULWARK_TEST_DOCKER_HOST');
  const socket = host.replace(/^unix:\/\//, '');
  let isSocket = false;
  try {
    isSocket = statSync(socket).isSocket();
  } catch {
    isSocket = false;
  }
  if (!isSocket)
    throw new Error(`the test dockerd is not running (no socket at ${socket}); ${PROVISION_HINT}`);
  // BuildKit may be absent on Debian's docker.io; the classic builder is always there.
  return { host, env: { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: '0' } };
}

/** The same test dockerd over `tcp://127.0.0.1:PORT` with mutual TLS, and the client cert dir. */
export function testDockerTls(): { host: string; certPath: string } {
  const vars = readStateEnv();
  return {
    host: requireVar(vars, 'BULWARK_TEST_DOCKER_TLS_HOST'),
    certPath: requireVar(vars, 'BULWARK_TEST_DOCKER_CERT_PATH'),
  };
}

export interface TestRegistry {
  /** `127.0.0.1:PORT`, plain HTTP, htpasswd (Basic) auth. */
  host: string;
  username: string;
  password: string;
}

/** The test registry. Throws if provision.sh has not started it or it does not answer 401 on /v2/. */
export function testRegistry(): TestRegistry {
  const vars = readStateEnv();
  const registry: TestRegistry = {
    host: requireVar(vars, 'BULWARK_TEST_REGISTRY'),
    username: requireVar(vars, 'BULWARK_TEST_REGISTRY_USER'),
    password: requireVar(vars, 'BULWARK_TEST_REGISTRY_PASSWORD'),
  };
  let status = '';
  try {
    status = execFileSync(
      'curl',
      ['-s', '-o', '/dev/null', '-m', '5', '-w', '%{http_code}', `http://${registry.host}/v2/`],
      { encoding: 'utf8' },
    );
  } catch {
    status = 'no answer';
  }
  if (status !== '401') {
    throw new Error(
      `the test registry at ${registry.host} is not up (/v2/ gave ${status}); ${PROVISION_HINT}`,
    );
  }
  return registry;
}

export interface RunOptions {
  /** Written to the command's stdin. */
  input?: string | Buffer;
  /** Default 5 minutes: building and importing real root filesystems on vfs is slow. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Runs a command and resolves with its stdout; rejects with stderr in the message. */
export function run(command: string, args: string[], opts: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      {
        env: opts.env ?? process.env,
        timeout: opts.timeoutMs ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`${command} ${args.join(' ')} failed: ${err.message}\n${stderr}`, { cause: err }));
        } else {
          resolve(stdout);
        }
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Runs the docker CLI against the test dockerd and resolves with its stdout. */
export function docker(args: string[], opts: Omit<RunOptions, 'env'> = {}): Promise<string> {
  return run('docker', args, { ...opts, env: testDocker().env });
}

/**
 * `postgres://…/bulwark` of the private test PostgreSQL (a role that may CREATE DATABASE).
 * Throws if provision.sh has not started it.
 */
export function testPostgresUrl(): string {
  return requireVar(readStateEnv(), 'BULWARK_TEST_POSTGRES_URL');
}
