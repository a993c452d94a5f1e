/**
 * The sensor's identity in Storage (`identity.json`, mode 0600): the random secret it
 * activates with, and once activated its UUID and credential. Same Storage, same sensor:
 * a restart or upgrade reuses the file and the server recognises the identity; a new
 * Storage has no file, so a new secret and a new sensor.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BulwarkError } from '../../core/errors.js';

export interface SensorIdentity {
  identity: string;
  sensorUuid?: string;
  credential?: string;
}

export function loadIdentity(storage: string): SensorIdentity {
  const path = join(storage, 'identity.json');
  if (existsSync(path)) {
    try {
      const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<SensorIdentity>;
      if (typeof v.identity === 'string' && /^[A-Za-z0-9_-]{32,128}$/.test(v.identity))
        return v as SensorIdentity;
    } catch (err) {
      throw new BulwarkError('IO', `${path} is not readable JSON; move it away to register as a new sensor`, {
        cause: err,
      });
    }
    throw new BulwarkError('IO', `${path} holds no valid identity; move it away to register as a new sensor`);
  }
  const fresh = { identity: randomBytes(32).toString('base64url') };
  saveIdentity(storage, fresh);
  return fresh;
}

export function saveIdentity(storage: string, id: SensorIdentity): void {
  const path = join(storage, 'identity.json');
  writeFileSync(`${path}.tmp`, JSON.stringify(id), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}
