import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isBulwarkError } from '../../core/errors.js';
import { createCustomer } from '../../db/repositories/accounts-repository.js';
import {
  writeContainer,
  writeEvent,
  writeHost,
  writeImage,
  writeSensor,
} from '../../db/repositories/inventory-writer.js';
import { setRetention } from '../../db/repositories/retention-repository.js';
import { TenantScope } from '../../db/tenant.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test-support/test-databases.js';
import { purgeRetention } from './retention-purge.js';

const day = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const ago = (days: number) => NOW - days * day;

/** One customer's inventory: each item named by whether the rules below must purge it. */
async function seed(scope: TenantScope) {
  const host = await writeHost(scope, 'h', null, ago(400));
  const img = (name: string, updatedDaysAgo: number) =>
    writeImage(
      scope,
      { sha: `${name}`.padEnd(64, '0').replace(/[^0-9a-f]/g, 'a'), lastScanned: ago(updatedDaysAgo) },
      ago(updatedDaysAgo),
    );
  const images = {
    purgeOrphanOld: await img('1', 31),
    keepOrphanRecent: await img('2', 29),
    keepUsedOld: await img('3', 200),
    purgeUsedByPurgedContainer: await img('4', 200),
  };
  const ctr = (
    name: string,
    imageUuid: string,
    state: 'RUNNING' | 'STOPPED' | 'DELETED',
    changedDaysAgo: number,
  ) =>
    writeContainer(
      scope,
      {
        sha: name.padEnd(64, 'c'),
        name,
        imageUuid,
        imageSha: null,
        hostId: host,
        sensorUuid: null,
        state,
        stateChanged: ago(changedDaysAgo),
      },
      ago(changedDaysAgo),
    );
  const containers = {
    purgeStopped8: await ctr('a1', images.purgeUsedByPurgedContainer, 'STOPPED', 8),
    purgeDeleted30: await ctr('a2', images.purgeUsedByPurgedContainer, 'DELETED', 30),
    keepStopped6: await ctr('a3', images.keepUsedOld, 'STOPPED', 6),
    keepRunningOld: await ctr('a4', images.keepUsedOld, 'RUNNING', 300),
  };
  const sensors = {
    purgeUnknown91: await writeSensor(scope, { hostId: host, hostname: 'h', status: 'UNKNOWN' }, ago(91)),
    keepUnknown89: await writeSensor(scope, { hostId: host, hostname: 'h', status: 'UNKNOWN' }, ago(89)),
    keepActiveOld: await writeSensor(scope, { hostId: host, hostname: 'h', status: 'ACTIVE' }, ago(300)),
  };
  const ev = (d: number) =>
    writeEvent(scope, {
      occurred: ago(d),
      event: 'start',
      type: 'CONTAINER',
      sensorUuid: null,
      hostId: host,
    });
  const events = { purgeOld: await ev(15), keepRecent: await ev(13) };
  return { images, containers, sensors, events };
}

async function remaining(t: TestDatabase, customerId: string) {
  const ids = async (table: 'images' | 'containers' | 'sensors' | 'events') =>
    (await t.db.selectFrom(table).select('id').where('customer_id', '=', customerId).execute())
      .map((r) => r.id)
      .sort();
  return {
    images: await ids('images'),
    containers: await ids('containers'),
    sensors: await ids('sensors'),
    events: await ids('events'),
  };
}

const kept = (group: Record<string, string>) =>
  Object.entries(group)
    .filter(([k]) => k.startsWith('keep'))
    .map(([, v]) => v)
    .sort();
const all = (group: Record<string, string>) => Object.values(group).sort();

for (const dialect of DIALECTS) {
  describe(`retention purge (${dialect})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await freshDatabase(dialect);
    });
    after(() => t.dispose());

    it('rules outside 1 day to 1 year, and unknown rules, are refused', async () => {
      const scope = new TenantScope(t.db, await createCustomer(t.db, 'x'));
      for (const [rule, days] of [
        ['events', 0],
        ['events', 366],
        ['events', 1.5],
        ['everything', 10],
      ] as const) {
        await assert.rejects(
          setRetention(scope, rule, days),
          (e) => isBulwarkError(e) && e.code === 'BAD_REQUEST',
        );
      }
      await setRetention(scope, 'events', 1);
      await setRetention(scope, 'events', 365);
    });

    it('with a pinned clock each rule purges exactly what it should, for its customer only', async () => {
      const a = new TenantScope(t.db, await createCustomer(t.db, 'a'));
      const b = new TenantScope(t.db, await createCustomer(t.db, 'b'));
      const seededA = await seed(a);
      const seededB = await seed(b);
      await setRetention(a, 'stopped-containers', 7);
      await setRetention(a, 'images-without-containers', 30);
      await setRetention(a, 'unknown-sensors', 90);
      await setRetention(a, 'events', 14);
      const result = await purgeRetention(t.db, NOW);
      assert.deepEqual(result, { containers: 2, images: 2, sensors: 1, events: 1 });
      assert.deepEqual(await remaining(t, a.customerId), {
        images: kept(seededA.images),
        containers: kept(seededA.containers),
        sensors: kept(seededA.sensors),
        events: kept(seededA.events),
      });
      // Customer b has no rules: untouched.
      assert.deepEqual(await remaining(t, b.customerId), {
        images: all(seededB.images),
        containers: all(seededB.containers),
        sensors: all(seededB.sensors),
        events: all(seededB.events),
      });
      // Running it again at the same time purges nothing more.
      assert.deepEqual(await purgeRetention(t.db, NOW), { containers: 0, images: 0, sensors: 0, events: 0 });
      // Two days later the 6-day-old stopped container passes 7 days, and so on.
      const later = await purgeRetention(t.db, NOW + 2 * day);
      assert.equal(later.containers, 1);
      assert.equal(later.sensors, 1);
      assert.equal(later.events, 1);
      assert.equal(later.images, 1); // the 29-day-old orphan image is now 31 days old
    });
  });
}
