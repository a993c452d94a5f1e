/**
 * Sensor-side helpers for server tests: activate a sensor of a test-server customer through
 * the real endpoint and send its requests (`app.inject`), optionally gzip-compressed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Response as InjectResponse } from 'light-my-request';
import { createActivationId } from '../db/repositories/accounts-repository.js';
import type { TestServer } from './test-server.js';

export interface TestSensor {
  sensorUuid: string;
  credential: string;
  identity: string;
  activationId: string;
  customerId: string;
  post(path: string, body: unknown, opts?: { key?: string; gzip?: boolean }): Promise<InjectResponse>;
}

export async function activateTestSensor(
  s: TestServer,
  customer: 'a' | 'b',
  opts: {
    hostname?: string;
    identity?: string;
    activationId?: string;
    mode?: string;
    hostUuid?: string;
  } = {},
): Promise<TestSensor> {
  const customerId = s.customers[customer];
  const activationId = opts.activationId ?? (await createActivationId(s.db.db, customerId, 'test'));
  const identity = opts.identity ?? randomBytes(24).toString('base64url');
  const res = await s.app.inject({
    method: 'POST',
    url: '/sensor/v1/activate',
    payload: {
      activationId,
      customerId,
      identity,
      hostname: opts.hostname ?? `host-${customer}`,
      ipAddresses: ['10.0.0.7', 'fd00::7'],
      operatingSystem: 'Debian GNU/Linux 12 (bookworm)',
      dockerVersion: '20.10.24',
      sensorVersion: '1.2.0',
      mode: opts.mode ?? 'general',
      ...(opts.hostUuid ? { hostUuid: opts.hostUuid } : {}),
    },
  });
  if (res.statusCode !== 200) throw new Error(`activation failed: ${res.statusCode} ${res.body}`);
  const { sensorUuid, credential } = res.json() as { sensorUuid: string; credential: string };
  return {
    sensorUuid,
    credential,
    identity,
    activationId,
    customerId,
    post(path, body, o = {}) {
      const json = Buffer.from(JSON.stringify(body));
      return s.app.inject({
        method: 'POST',
        url: `/sensor/v1${path}`,
        headers: {
          authorization: `Bearer ${credential}`,
          'content-type': 'application/json',
          'idempotency-key': o.key ?? randomUUID(),
          ...(o.gzip ? { 'content-encoding': 'gzip' } : {}),
        },
        payload: o.gzip ? gzipSync(json) : json,
      });
    },
  };
}
