/**
 * Activation with the identity kept in Storage: retried with backoff while the server is
 * unreachable (a sensor may start before its server), given up at once when the server
 * refuses (wrong ActivationId or CustomerId). The host UUID (HostIdSearchDir marker or
 * kept in Storage) goes with the activation: the server files the sensor under that host.
 */
import { toolInfo } from '../../core/sbom/format/tool-info.js';
import type { SensorOptions } from '../config/sensor-options.js';
import { hostInfo } from '../host/host-info.js';
import type { Logger } from '../log/logger.js';
import { backoffDelay } from '../queue/deliverer.js';
import { loadIdentity, saveIdentity } from './identity-store.js';
import type { SensorClient } from './sensor-client.js';

export async function activateWithRetry(
  client: SensorClient,
  opts: SensorOptions,
  log: Logger,
  dockerVersion: string,
  stopped: () => boolean,
): Promise<void> {
  const id = loadIdentity(opts.storage);
  const host = hostInfo(opts.storage, opts.hostIdSearchDir);
  for (let attempt = 0; !stopped(); attempt++) {
    try {
      const a = await client.activate({
        activationId: opts.activationId,
        customerId: opts.customerId,
        identity: id.identity,
        hostname: host.hostname,
        ipAddresses: host.ipAddresses,
        operatingSystem: host.operatingSystem,
        ...(dockerVersion ? { dockerVersion } : {}),
        sensorVersion: toolInfo.version,
        mode: opts.mode,
        hostUuid: host.hostUuid,
      });
      saveIdentity(opts.storage, { ...id, sensorUuid: a.sensorUuid, credential: a.credential });
      client.credential = a.credential;
      const same = a.reactivated ? ' (same Storage: same sensor)' : '';
      log.info(`activated as sensor ${a.sensorUuid}${same}, host ${host.hostUuid} (${host.hostUuidSource})`);
      return;
    } catch (err) {
      const e = err as { retryable?: boolean; message: string };
      if (e.retryable === false) throw err;
      const delay = backoffDelay(attempt, 500, 30_000);
      log.warn(`activation failed (${e.message}); retry in ${delay} ms`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
