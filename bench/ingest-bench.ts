/**
 * Issue 10's ingest targets on SQLite, through the real HTTP app (schema validation,
 * sensor auth, idempotency receipts, transactions): at least 2,000 events per second, and
 * at least 50 Debian-sized SBOMs per second (the real bookworm image's CycloneDX, uploaded
 * as distinct images; matching excluded — it has its own bench).
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createCustomer } from '../src/db/repositories/accounts-repository.js';
import { buildApp } from '../src/server/app.js';
import { debianImageSbom } from '../src/test-support/debian-sbom.js';
import { freshDatabase } from '../src/test-support/test-databases.js';
import { activateTestSensor } from '../src/test-support/test-sensor.js';
import type { TestServer } from '../src/test-support/test-server.js';
import type { BenchRow } from './support.js';

const EVENT_BATCHES = 40;
const EVENTS_PER_BATCH = 500;
const SBOMS = 200;

const hex = (n: number, width = 64) => n.toString(16).padStart(width, '0');

export async function ingestBench(): Promise<BenchRow[]> {
  const debian = await debianImageSbom('bulwark-test/debian:bookworm');
  const db = await freshDatabase('sqlite');
  const app = await buildApp({ db: db.db, dialect: 'sqlite' });
  try {
    const customer = await createCustomer(db.db, 'bench');
    const s = { app, db, customers: { a: customer, b: customer } } as unknown as TestServer;
    const sensor = await activateTestSensor(s, 'a');
    const actions = ['create', 'start', 'pause', 'unpause', 'stop', 'exec_start', 'die', 'destroy'];

    let start = performance.now();
    for (let b = 0; b < EVENT_BATCHES; b++) {
      const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => ({
        occurred: 1_700_000_000_000 + b * EVENTS_PER_BATCH + i,
        type: 'CONTAINER',
        action: actions[i % actions.length],
        containerSha: hex((b * EVENTS_PER_BATCH + i) % 200),
        imageSha: debian.sha,
        name: `c${i % 200}`,
      }));
      const res = await sensor.post('/events', { schemaVersion: 1, events }, { key: randomUUID() });
      if (res.statusCode !== 200) throw new Error(`events upload failed: ${res.body}`);
    }
    const eventsPerSecond = (EVENT_BATCHES * EVENTS_PER_BATCH) / ((performance.now() - start) / 1000);

    // The bodies are serialised and compressed beforehand: a sensor pays that, the server does not.
    const text = JSON.stringify(debian.cyclonedx);
    const bodies = Array.from({ length: SBOMS }, (_, i) => {
      const sha = hex(i + 1);
      const sbom = JSON.parse(text.replaceAll(debian.sha, sha)) as unknown;
      return gzipSync(JSON.stringify({ schemaVersion: 1, assetType: 'IMAGE', imageSha: sha, sbom }));
    });
    start = performance.now();
    for (const payload of bodies) {
      const res = await app.inject({
        method: 'POST',
        url: '/sensor/v1/sbom',
        headers: {
          authorization: `Bearer ${sensor.credential}`,
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'idempotency-key': randomUUID(),
        },
        payload,
      });
      if (res.statusCode !== 200) throw new Error(`sbom upload failed: ${res.body}`);
    }
    const sbomsPerSecond = SBOMS / ((performance.now() - start) / 1000);
    return [
      {
        name: 'ingest: events per second (SQLite)',
        value: eventsPerSecond,
        unit: '/s',
        note: `${(eventsPerSecond / 2000).toFixed(2)}× the 2,000 events/s target (batches of ${EVENTS_PER_BATCH})`,
      },
      {
        name: 'ingest: Debian-sized SBOMs per second (SQLite)',
        value: sbomsPerSecond,
        unit: '/s',
        note: `${(sbomsPerSecond / 50).toFixed(2)}× the 50 SBOMs/s target (${debian.sbom.packages.length} packages each, gzip)`,
      },
    ];
  } finally {
    await app.close();
    await db.dispose();
  }
}
