import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedInventory } from '../../test-support/seed-inventory.js';
import { DIALECTS, freshDatabase, type TestDatabase } from '../../test-support/test-databases.js';
import { TenantScope } from '../tenant.js';
import { createCustomer } from './accounts-repository.js';
import { assetSoftware, assetVulnerabilityCount } from './asset-findings-repository.js';
import { listSoftware, listVulnerabilities } from './catalog-repository.js';
import { listContainers } from './containers-repository.js';
import { listEvents } from './events-repository.js';
import { imageAssociations, imagesWithActiveContainers, listImages } from './images-repository.js';
import { deleteRegistries } from './registries-repository.js';

for (const dialect of DIALECTS) {
  describe(`repositories (${dialect})`, () => {
    let t: TestDatabase;
    let a: TenantScope;
    let b: TenantScope;
    let seededA: Awaited<ReturnType<typeof seedInventory>>;
    before(async () => {
      t = await freshDatabase(dialect);
      a = new TenantScope(t.db, await createCustomer(t.db, 'a'));
      b = new TenantScope(t.db, await createCustomer(t.db, 'b'));
      seededA = await seedInventory(a, 'a');
      await seedInventory(b, 'b');
    });
    after(() => t.dispose());

    it('lists only the caller customer images, with counts and repos', async () => {
      const page = await listImages(a, {
        pageNo: 1,
        pageSize: 50,
        sort: [{ key: 'created', direction: 'desc' }],
      });
      assert.equal(page.count, 3);
      assert.deepEqual(
        page.data.map((i) => i.created),
        ['1526592592000', '1509562706000', '1500000000000'],
      );
      const vulnerable = page.data[0]!;
      assert.deepEqual(vulnerable.vulnerabilities, {
        severity5Count: 1,
        severity3Count: 1,
        severity4Count: 1,
        severity1Count: 0,
        severity2Count: 1,
      });
      assert.equal(vulnerable.associatedContainersCount, 2);
      assert.equal(vulnerable.associatedHostsCount, 2);
      assert.deepEqual(vulnerable.registryUuid, [seededA.registry]);
      assert.ok(page.data.every((i) => i.repo.every((r) => r.repository.endsWith('-a'))));
    });

    it('pages with a stable order and an exact count', async () => {
      const p1 = await listContainers(a, { pageNo: 1, pageSize: 2 });
      const p2 = await listContainers(a, { pageNo: 2, pageSize: 2 });
      assert.equal(p1.count, 3);
      assert.equal(p1.data.length, 2);
      assert.equal(p2.data.length, 1);
      assert.equal(new Set([...p1.data, ...p2.data].map((c) => c.uuid)).size, 3);
    });

    it('filters events by date window (inclusive)', async () => {
      const page = await listEvents(a, {
        pageNo: 1,
        pageSize: 50,
        fromDate: 1546421600169,
        toDate: 1546421601169,
      });
      assert.deepEqual(page.data.map((e) => e.event).sort(), ['exec_die', 'exec_start']);
    });

    it('reads an asset software and vulnerability counts, and refuses nothing of another customer', async () => {
      const sw = await assetSoftware(a, seededA.images.vulnerable);
      assert.deepEqual(
        sw.map((s) => s.name),
        ['libc6', 'libssl3', 'log4j-core'],
      );
      assert.deepEqual(await assetSoftware(b, seededA.images.vulnerable), []);
      const counts = await assetVulnerabilityCount(a, seededA.images.vulnerable);
      assert.equal(counts.severity5Count, 1);
      assert.deepEqual((await imageAssociations(b, seededA.images.vulnerable)).containers, []);
    });

    it('knows which images have active containers', async () => {
      const active = await imagesWithActiveContainers(a, Object.values(seededA.images));
      assert.deepEqual([...active].sort(), [seededA.images.clean, seededA.images.vulnerable].sort());
    });

    it('lists vulnerabilities and software across the inventory', async () => {
      const vulns = await listVulnerabilities(a, {
        pageNo: 1,
        pageSize: 50,
        sort: [{ key: 'severity', direction: 'desc' }],
      });
      assert.equal(vulns.count, 4);
      assert.equal(vulns.data[0]!.id, 'CVE-2021-44228');
      assert.equal(vulns.data[0]!.imagesCount, 1);
      assert.equal(vulns.data[0]!.containersCount, 1);
      const sw = await listSoftware(a, { pageNo: 1, pageSize: 50 });
      const log4j = sw.data.find((s) => s.name === 'log4j-core')!;
      assert.deepEqual([log4j.imagesCount, log4j.containersCount], [1, 1]);
      assert.equal(sw.count, 4);
    });

    it('refuses to delete a registry of another customer or one with a running schedule', async () => {
      await assert.rejects(deleteRegistries(b, [seededA.registry]), /no registry/);
      await a
        .updateTable('registry_schedules')
        .set({ status: 'RUNNING' })
        .where('id', '=', seededA.schedule)
        .execute();
      await assert.rejects(deleteRegistries(a, [seededA.registry]), /running schedule/);
      await a
        .updateTable('registry_schedules')
        .set({ status: 'CREATED' })
        .where('id', '=', seededA.schedule)
        .execute();
    });
  });
}
