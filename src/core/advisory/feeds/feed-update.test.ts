import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isBulwarkError } from '../../errors.js';
import { AdvisoryStore } from '../store.js';
import { updateAdvisories } from '../update.js';

const testdata = join(import.meta.dirname, 'testdata');
const work = mkdtempSync(join(tmpdir(), 'bulwark-feed-update-'));
after(() => rmSync(work, { recursive: true, force: true }));

function rangesIn(dbPath: string, ecosystem: string, name: string): string[] {
  const store = AdvisoryStore.open(dbPath);
  try {
    return store
      .lookup(ecosystem, name)
      .map((r) => `${r.id} ${JSON.stringify(r.affected?.find((a) => a.package?.name === name)?.ranges)}`);
  } finally {
    store.close();
  }
}

describe('db update --feed (vendor feeds into the database)', () => {
  const db = join(work, 'vuln.db');
  const mirror = join(work, 'al2');
  mkdirSync(mirror);
  // A mirror holds the repository's file gzipped, as repodata does.
  writeFileSync(
    join(mirror, 'updateinfo.xml.gz'),
    gzipSync(readFileSync(join(testdata, 'amazon-linux-2/updateinfo.xml'))),
  );

  it('converts and stores the records with their provenance, no OSV archive fetched', async () => {
    const summary = await updateAdvisories(db, {
      feeds: [`amazon-linux-2=${mirror}`, `oracle-linux-8=${join(testdata, 'oracle-linux')}`],
    });
    assert.deepEqual(summary.warnings, []);
    assert.deepEqual(summary.ecosystems, []);
    assert.deepEqual(
      summary.feeds.map((f) => [f.feed, f.status, f.records]),
      [
        ['amazon-linux-2', 'updated', 2],
        ['oracle-linux-8', 'updated', 2],
      ],
    );
    assert.deepEqual(rangesIn(db, 'Amazon Linux:2', 'openssl-libs'), [
      `ALAS2-2023-2062 ${JSON.stringify([{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1:1.0.2k-24.amzn2.0.7' }] }])}`,
    ]);
    const store = AdvisoryStore.open(db);
    try {
      const sources = store.status().sources.map((s) => [s.name, s.kind, s.location, s.recordCount]);
      assert.deepEqual(sources, [
        ['feed:amazon-linux-2', 'vendor-feed', mirror, 2],
        ['feed:oracle-linux-8', 'vendor-feed', join(testdata, 'oracle-linux'), 2],
      ]);
    } finally {
      store.close();
    }
  });

  it('a broken file is a warning naming it; the good files of the feed still load', async () => {
    const broken = join(mirror, 'updateinfo-extra.xml');
    const text = readFileSync(join(testdata, 'amazon-linux-2/updateinfo.xml'), 'utf8');
    writeFileSync(broken, text.slice(0, 900));
    const summary = await updateAdvisories(db, { feeds: [`amazon-linux-2=${mirror}`] });
    assert.equal(summary.warnings.length, 1);
    assert.match(
      summary.warnings[0]!,
      new RegExp(`^feed amazon-linux-2: ${broken}: skipped: not well-formed XML`),
    );
    assert.deepEqual(
      summary.feeds.map((f) => [f.status, f.records]),
      [['updated', 2]],
    );
    rmSync(broken);
  });

  it('a feed with nothing usable keeps the last records and says so (never a silent empty result)', async () => {
    const empty = join(work, 'al2-broken');
    mkdirSync(empty);
    copyFileSync(join(testdata, 'oracle-linux/com.oracle.elsa-sample.xml'), join(empty, 'updateinfo.xml'));
    const summary = await updateAdvisories(db, { feeds: [`amazon-linux-2=${empty}`] });
    assert.deepEqual(summary.warnings, [
      `feed amazon-linux-2: ${join(empty, 'updateinfo.xml')}: skipped: no <updates> root element: not an updateinfo.xml`,
      `feed amazon-linux-2: no advisories read from ${empty}; 2 records from the last update kept`,
    ]);
    assert.deepEqual(
      summary.feeds.map((f) => [f.status, f.records]),
      [['kept', 2]],
    );
    assert.equal(rangesIn(db, 'Amazon Linux:2', 'curl').length, 1);
  });

  it('reads a feed from a URL (loopback mirror); a 404 is a warning naming the URL', async () => {
    const body = gzipSync(readFileSync(join(testdata, 'bottlerocket/updateinfo.xml')));
    const server = createServer((req, res) => {
      if (req.url === '/updateinfo.xml.gz') res.writeHead(200, { 'content-length': body.length }).end(body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const summary = await updateAdvisories(db, {
        feeds: [`bottlerocket=${base}/updateinfo.xml.gz`, `amazon-linux-2023=${base}/missing.xml`],
        retries: 0,
      });
      assert.deepEqual(
        summary.feeds.map((f) => [f.feed, f.status, f.records]),
        [
          ['bottlerocket', 'updated', 1],
          ['amazon-linux-2023', 'kept', 0],
        ],
      );
      assert.equal(summary.warnings.length, 2);
      assert.match(
        summary.warnings[0]!,
        new RegExp(`^feed amazon-linux-2023: ${base}/missing.xml: skipped: .*404`),
      );
      assert.equal(rangesIn(db, 'Bottlerocket', 'systemd').length, 1);
    } finally {
      server.close();
    }
  });

  it('an unknown feed name is a usage error before anything is read', async () => {
    await assert.rejects(
      updateAdvisories(db, { feeds: ['amazon-linux-3=/nowhere'] }),
      (err: unknown) => isBulwarkError(err) && err.code === 'USAGE',
    );
  });
});
