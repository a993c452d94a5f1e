/**
 * Registry secrets at rest: AES-256-GCM (node:crypto) with a random 96-bit IV per value and
 * the row and column as associated data, so a sealed value copied into another row or
 * column does not open. Stored as `gcm1:<iv>:<tag>:<ciphertext>` (base64url).
 *
 * The key (32 bytes) comes from, in order: `BULWARK_SECRET_KEY` (64 hex characters or
 * base64), the file named by `BULWARK_SECRET_KEY_FILE`, or `<data dir>/secret.key`, which
 * is generated once with mode 0600. Server replicas sharing one PostgreSQL must share the
 * key (the same env value or the same file); a PostgreSQL server without either refuses to
 * store or read a secret rather than invent a key the other replicas cannot read.
 * The key is loaded on first use, so a server that never stores a registry needs none.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BulwarkError } from '../../core/errors.js';
import type { SecretSealer } from '../../db/repositories/registries-repository.js';

const PREFIX = 'gcm1';
const KEY_BYTES = 32;

function parseKey(text: string, origin: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length !== KEY_BYTES)
    throw new BulwarkError('BAD_REQUEST', `${origin} must hold a 32-byte key (64 hex characters or base64)`);
  return key;
}

function readKeyFile(path: string): Buffer | undefined {
  try {
    return parseKey(readFileSync(path, 'utf8'), `key file ${path}`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** `<dataDir>/secret.key`, created exclusively (two processes starting at once agree on one). */
function keyFromDataDir(dataDir: string): Buffer {
  const path = join(dataDir, 'secret.key');
  const existing = readKeyFile(path);
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const created = readKeyFile(path);
  if (!created) throw new BulwarkError('IO', `cannot create the secret key file ${path}`);
  return created;
}

export interface SecretKeySource {
  env?: NodeJS.ProcessEnv;
  /** The SQLite data dir; absent on PostgreSQL (the key must then be given). */
  dataDir?: string | undefined;
}

export function loadSecretKey(src: SecretKeySource): Buffer {
  const env = src.env ?? process.env;
  if (env.BULWARK_SECRET_KEY) return parseKey(env.BULWARK_SECRET_KEY, 'BULWARK_SECRET_KEY');
  if (env.BULWARK_SECRET_KEY_FILE) {
    const key = readKeyFile(env.BULWARK_SECRET_KEY_FILE);
    if (!key)
      throw new BulwarkError('IO', `BULWARK_SECRET_KEY_FILE ${env.BULWARK_SECRET_KEY_FILE} does not exist`);
    return key;
  }
  if (src.dataDir) return keyFromDataDir(src.dataDir);
  throw new BulwarkError(
    'SECRET_KEY_MISSING',
    'registry secrets need a key shared by every server replica: set BULWARK_SECRET_KEY or BULWARK_SECRET_KEY_FILE',
  );
}

export class SecretBox implements SecretSealer {
  private key: Buffer | undefined;

  /** `load` runs on first use; `SecretBox.withKey` for a key already in hand. */
  constructor(private readonly load: () => Buffer) {}

  static withKey(key: Buffer): SecretBox {
    if (key.length !== KEY_BYTES) throw new BulwarkError('INTERNAL', 'secret key must be 32 bytes');
    return new SecretBox(() => key);
  }

  static fromSource(src: SecretKeySource): SecretBox {
    return new SecretBox(() => loadSecretKey(src));
  }

  /** A key living only in this process: tests, and `buildApp` callers that give none. */
  static ephemeral(): SecretBox {
    return SecretBox.withKey(randomBytes(KEY_BYTES));
  }

  private keyNow(): Buffer {
    this.key ??= this.load();
    return this.key;
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keyNow(), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64url'));
    return `${PREFIX}:${parts.join(':')}`;
  }

  open(sealed: string, context: string): string {
    const [prefix, iv, tag, ct] = sealed.split(':');
    if (prefix !== PREFIX || iv === undefined || tag === undefined || ct === undefined)
      throw new BulwarkError('INTERNAL', `stored secret (${context}) is not sealed`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.keyNow(), Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch (err) {
      // Wrong key (replicas not sharing one) or a tampered value: say which, never the value.
      throw new BulwarkError(
        'INTERNAL',
        `cannot decrypt the stored secret ${context}: the server's secret key differs from the one it was stored with`,
        { cause: err },
      );
    }
  }
}

/** For the sealed secret a data-dir SQLite server writes (used by startServer). */
export function secretKeyPathOf(dataDir: string): string {
  return join(dataDir, 'secret.key');
}
