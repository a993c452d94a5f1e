import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { makeLayer, sha256 } from '../../../../test-support/make-image.js';
import { applyLayers } from '../../../applier/apply-layers.js';
import { walkLayer } from '../../../layer/walk-layer.js';
import { pomAnalyzer } from './pom-analyzer.js';
import { readPom } from './read-pom.js';
import { parseXml } from './xml-tree.js';

const shop = (p: string) => readFileSync(new URL(`./testdata/shop/${p}`, import.meta.url), 'utf8');

async function scan(files: Record<string, string>, layers = 1) {
  const entries = Object.entries(files);
  const walked = [];
  // Spread over layers: a parent in one layer, its module in the next, as multi-stage builds copy them.
  const per = Math.ceil(entries.length / layers);
  for (let i = 0; i < layers; i++) {
    const tar = await makeLayer(
      entries.slice(i * per, (i + 1) * per).map(([name, content]) => ({ name, content })),
    );
    const diffID = sha256(tar);
    const result = await walkLayer(Readable.from([tar]), {
      analyzers: [pomAnalyzer],
      diffID,
      tempDir: '/nonexistent',
    });
    walked.push({ info: { index: i, diffID, digest: diffID }, result });
  }
  return applyLayers(walked);
}

const list = (applied: Awaited<ReturnType<typeof scan>>, path: string) =>
  applied.packages
    .filter((p) => p.location.path === path)
    .map(
      (p) =>
        `${p.purl ?? `${p.namespace}:${p.name}:`}${p.dev ? ' dev' : ''}${p.confidence === 'low' ? ' low' : ''}`,
    )
    .sort();

describe('pom.xml resolved along its parent chain inside the image', () => {
  const files = {
    'srv/shop/pom.xml': shop('pom.xml'),
    'srv/shop/api/pom.xml': shop('api/pom.xml'),
    'srv/shop/worker/pom.xml': shop('worker/pom.xml'),
  };

  for (const layers of [1, 2]) {
    it(`module versions from the parent's properties and management, nearer wins (${layers} layer(s))`, async () => {
      const applied = await scan(files, layers);
      assert.deepEqual(list(applied, 'srv/shop/api/pom.xml'), [
        'pkg:maven/com.example.shop/shop-model@1.4.0',
        'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2',
        'pkg:maven/org.apache.commons/commons-text@1.9',
        'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1',
        'pkg:maven/org.junit.jupiter/junit-jupiter@5.10.0 dev',
      ]);
      // The parent declares no dependencies of its own, only manages them.
      assert.deepEqual(list(applied, 'srv/shop/pom.xml'), []);
      assert.equal(applied.unknowns.filter((u) => u.path !== 'srv/shop/worker/pom.xml').length, 0);
    });
  }

  it('a parent outside the image: its managed versions are not guessed', async () => {
    const applied = await scan(files);
    assert.deepEqual(list(applied, 'srv/shop/worker/pom.xml'), [
      'pkg:maven/com.google.guava/guava@32.1.2-jre',
      'pkg:maven/org.springframework.boot/spring-boot-starter-web low',
    ]);
    const reasons = applied.unknowns.filter((u) => u.path === 'srv/shop/worker/pom.xml').map((u) => u.reason);
    assert.ok(
      reasons.some((r) =>
        /1 dependency version\(s\) not resolvable offline \(parent org\.springframework\.boot:spring-boot-starter-parent:3\.1\.0 is not in the image\): org\.springframework\.boot:spring-boot-starter-web/.test(
          r,
        ),
      ),
      reasons.join('\n'),
    );
  });

  it('a module whose parent is missing from the image says so', async () => {
    const applied = await scan({ 'srv/shop/api/pom.xml': shop('api/pom.xml') });
    assert.deepEqual(list(applied, 'srv/shop/api/pom.xml'), [
      'pkg:maven/com.example.shop/shop-model@1.4.0',
      'pkg:maven/com.fasterxml.jackson.core/jackson-databind low',
      'pkg:maven/org.apache.commons/commons-text@1.9',
      'pkg:maven/org.apache.logging.log4j/log4j-core low',
      'pkg:maven/org.junit.jupiter/junit-jupiter dev low',
    ]);
    assert.match(
      applied.unknowns.find((u) => u.path === 'srv/shop/api/pom.xml' && u.analyzer === 'lang/pom')?.reason ??
        '',
      /3 dependency version\(s\) not resolvable offline \(parent com\.example\.shop:shop-parent:1\.4\.0 is not in the image\)/,
    );
  });

  it('a file at relativePath that is another project is not the parent', async () => {
    const impostor = shop('pom.xml').replace('<version>1.4.0</version>', '<version>9.9.9</version>');
    const applied = await scan({ 'srv/shop/pom.xml': impostor, 'srv/shop/api/pom.xml': shop('api/pom.xml') });
    assert.ok(
      list(applied, 'srv/shop/api/pom.xml').includes(
        'pkg:maven/com.fasterxml.jackson.core/jackson-databind low',
      ),
    );
  });

  it('broken or foreign XML is an unknown', () => {
    assert.deepEqual(readPom('<project><dependencies></project>'), { reason: 'malformed XML' });
    assert.deepEqual(readPom('<settings/>'), { reason: 'not a POM: root element <settings>' });
    assert.equal(parseXml('<a><![CDATA[x<y]]>&amp;&#65;</a>')?.text, 'x<y&A');
  });

  it('wants project pom.xml files only', () => {
    const table: [string, boolean][] = [
      ['pom.xml', true],
      ['srv/app/pom.xml', true],
      ['root/.m2/repository/org/x/1.0/x-1.0.pom', false],
      ['root/.m2/repository/org/x/pom.xml', false],
      ['srv/app/target/classes/META-INF/maven/a/b/pom.xml', false],
      ['srv/app/pom.xml.bak', false],
    ];
    for (const [path, want] of table)
      assert.equal(pomAnalyzer.wants({ path, mode: 0o644, size: 10 }), want, path);
  });
});
