import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { constants, deflateRawSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { buildZip } from '../../../../test-support/build-zip.js';
import type { AnalysisResult } from '../../types.js';
import { javaAnalyzer } from './java-analyzer.js';
import { defaultArchiveLimits, parseJavaArchive } from './parse-java-archive.js';

const testdata = (name: string) => new URL(`testdata/${name}`, import.meta.url).pathname;
const slf4jApi = readFileSync(testdata('slf4j-api.jar'));
const slf4jNop = readFileSync(testdata('slf4j-nop.jar'));
const analyze = (path: string, content: Buffer): AnalysisResult =>
  javaAnalyzer.analyze({ path, size: content.length, mode: 0o644, content, tempDir: tmpdir() });

/** pom.properties as Info-ZIP's unzip reads it: an independent zip reader. */
function pomByUnzip(jar: string): Record<string, string> {
  const text = execFileSync('unzip', ['-p', testdata(jar), 'META-INF/maven/*/*/pom.properties'], {
    encoding: 'utf8',
  });
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => l.trim().split('=', 2)),
  );
}

/** A copy of a jar without META-INF/maven, so only its manifest identifies it. */
function withoutPom(jar: Buffer): Buffer {
  const files = unzipSync(jar);
  for (const name of Object.keys(files)) if (name.startsWith('META-INF/maven/')) delete files[name];
  return Buffer.from(zipSync(files));
}

describe('Java archives', () => {
  for (const jar of ['slf4j-api.jar', 'slf4j-nop.jar']) {
    it(`reads Maven coordinates of Debian's ${jar} as unzip sees them`, () => {
      const truth = pomByUnzip(jar);
      assert.deepEqual(analyze(`usr/share/java/${jar}`, readFileSync(testdata(jar))), {
        packages: [
          {
            type: 'maven',
            namespace: truth.groupId,
            name: truth.artifactId,
            version: truth.version,
            confidence: 'high',
            path: `usr/share/java/${jar}`,
          },
        ],
        unknowns: [],
      });
      // And the Debian package version (libslf4j-java 1.7.32-1) agrees.
      assert.equal(truth.version, '1.7.32');
    });
  }

  describe('a WAR built with the JDK jar tool', () => {
    let dir = '';
    let war: Buffer;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'bulwark-war-'));
      const lib = join(dir, 'tree', 'WEB-INF', 'lib');
      mkdirSync(lib, { recursive: true });
      writeFileSync(join(dir, 'tree', 'index.jsp'), '<html></html>\n');
      writeFileSync(join(lib, 'slf4j-api.jar'), slf4jApi);
      writeFileSync(join(lib, 'manifest-only.jar'), withoutPom(slf4jNop));
      writeFileSync(
        join(lib, 'commons-io-2.11.0.jar'),
        Buffer.from(zipSync({ 'org/apache/commons/io/IOUtils.class': new Uint8Array(8) })),
      );
      execFileSync('jar', ['--create', '--file', join(dir, 'app.war'), '-C', join(dir, 'tree'), '.']);
      war = readFileSync(join(dir, 'app.war'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('reports each nested jar with an exact outer!/inner path', () => {
      const result = analyze('srv/app.war', war);
      const byPath = Object.fromEntries((result.packages ?? []).map((p) => [p.path, p]));
      assert.deepEqual(byPath['srv/app.war!/WEB-INF/lib/slf4j-api.jar'], {
        type: 'maven',
        namespace: 'org.slf4j',
        name: 'slf4j-api',
        version: '1.7.32',
        confidence: 'high',
        path: 'srv/app.war!/WEB-INF/lib/slf4j-api.jar',
      });
      // Manifest only: Implementation-Title / Implementation-Version, no group.
      assert.deepEqual(byPath['srv/app.war!/WEB-INF/lib/manifest-only.jar'], {
        type: 'maven',
        name: 'slf4j-nop',
        version: '1.7.32',
        confidence: 'low',
        path: 'srv/app.war!/WEB-INF/lib/manifest-only.jar',
      });
      // No metadata at all: the file name.
      assert.deepEqual(byPath['srv/app.war!/WEB-INF/lib/commons-io-2.11.0.jar'], {
        type: 'maven',
        name: 'commons-io',
        version: '2.11.0',
        confidence: 'low',
        path: 'srv/app.war!/WEB-INF/lib/commons-io-2.11.0.jar',
      });
      // The WAR itself has a jar-tool manifest without a version and an unversioned name.
      assert.deepEqual(result.unknowns, [
        { path: 'srv/app.war', reason: 'no pom.properties, manifest version or versioned file name' },
      ]);
    });

    it('reads a jar with a launch script prepended (Spring Boot executable jar)', () => {
      const prefixed = Buffer.concat([Buffer.from('#!/bin/bash\necho launch script\nexit 0\n'), slf4jApi]);
      assert.equal(analyze('app/boot.jar', prefixed).packages?.[0]?.name, 'slf4j-api');
    });
  });

  // 1 GiB of zeros as a raw deflate stream of ~1 MiB: 1024 copies of one flushed
  // block of 1 MiB of zeros, then an empty final block.
  const gib = 1024 * 1024 * 1024;
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  const bombData = Buffer.concat([
    ...Array.from({ length: 1024 }, () => block),
    deflateRawSync(Buffer.alloc(0)),
  ]);
  const boot = (inner: Buffer) =>
    buildZip([{ name: 'BOOT-INF/lib/evil.jar', data: inner, method: 8, size: gib }]);
  const bombs: { name: string; archive: Buffer; reason: RegExp }[] = [
    {
      name: 'an honest 1 GiB entry',
      archive: boot(bombData),
      reason: /inflate past 536870912 bytes \(zip bomb\?\)/,
    },
    {
      name: 'an entry that lies about its size',
      archive: buildZip([{ name: 'BOOT-INF/lib/evil.jar', data: bombData, method: 8, size: 4096 }]),
      reason: /inflates past its declared 4096 bytes/,
    },
    {
      name: 'an entry that expands more than the allowed ratio',
      // 1 MiB of real data declared as 200 MiB: under the size cap, over the ratio.
      archive: buildZip([{ name: 'WEB-INF/lib/evil.jar', data: block, method: 8, size: 200 << 20 }]),
      reason: /expands more than/,
    },
  ];
  for (const c of bombs) {
    it(`reports a zip bomb inside a JAR (${c.name}) without inflating it`, () => {
      const result = analyze('app/bomb.jar', c.archive);
      assert.ok(
        result.unknowns?.some((u) => u.path.startsWith('app/bomb.jar') && c.reason.test(u.reason)),
        JSON.stringify(result.unknowns),
      );
    });
  }

  it('stops at the nesting limit with an unknown naming the archive', () => {
    let inner = Buffer.from(slf4jNop);
    for (let i = defaultArchiveLimits.maxDepth + 1; i >= 1; i--) {
      inner = Buffer.from(zipSync({ [`lib/level${i}.jar`]: inner }, { level: 0 }));
    }
    const result = analyze('deep.ear', inner);
    const depth = defaultArchiveLimits.maxDepth;
    const tooDeep = `deep.ear${Array.from({ length: depth + 1 }, (_, i) => `!/lib/level${i + 1}.jar`).join('')}`;
    assert.ok(
      result.unknowns?.some((u) => u.path === tooDeep && /nested deeper than 4/.test(u.reason)),
      JSON.stringify(result.unknowns),
    );
    assert.ok(!result.packages?.some((p) => p.name === 'slf4j-nop'));
  });

  const broken: { name: string; content: Buffer; reason: RegExp }[] = [
    {
      name: 'a truncated jar',
      content: slf4jApi.subarray(0, slf4jApi.length / 2),
      reason: /not a zip archive/,
    },
    { name: 'not a zip at all', content: Buffer.from('hello'), reason: /not a zip archive/ },
    {
      name: 'a central directory that claims more entries than it holds',
      content: (() => {
        const b = Buffer.from(slf4jApi);
        const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
        b.writeUInt16LE(60000, eocd + 10);
        return b;
      })(),
      reason: /truncated/,
    },
  ];
  for (const c of broken) {
    it(`reports ${c.name}`, () => {
      const result = analyze('x.jar', c.content);
      assert.deepEqual(result.packages, []);
      assert.match(result.unknowns?.[0]?.reason ?? '', c.reason);
    });
  }

  it('caps the entry count', () => {
    const result = parseJavaArchive('x.jar', slf4jApi, { ...defaultArchiveLimits, maxEntries: 3 });
    assert.match(result.unknowns?.[0]?.reason ?? '', /exceed the limit of 3/);
  });
});

describe('JDK release files', () => {
  it('reports the JDK from its release file (copied from Debian openjdk-17-jdk-headless)', () => {
    const text = readFileSync(testdata('openjdk-17.release'));
    assert.deepEqual(analyze('usr/lib/jvm/java-17-openjdk-amd64/release', text), {
      packages: [
        {
          type: 'generic',
          name: 'openjdk',
          version: '17.0.15',
          path: 'usr/lib/jvm/java-17-openjdk-amd64/release',
        },
      ],
    });
    assert.match(
      analyze('opt/java/openjdk/release', Buffer.from('IMPLEMENTOR="x"\n')).unknowns?.[0]?.reason ?? '',
      /JAVA_VERSION/,
    );
  });

  it('wants archives and JDK release files only', () => {
    const table: [string, boolean][] = [
      ['usr/share/java/slf4j-api.jar', true],
      ['srv/app.WAR', true],
      ['opt/jenkins/plugins/git.jpi', true],
      ['usr/lib/jvm/java-17-openjdk-amd64/release', true],
      ['opt/java/openjdk/release', true],
      ['opt/java/temurin-21/release', true],
      ['usr/local/openjdk-11/release', true],
      ['opt/jdk-21.0.2/release', true],
      ['opt/app/release', false],
      ['usr/local/app/release', false],
      ['usr/lib/jvm/a/b/release', false],
      ['etc/release', false],
      ['usr/share/java/readme.txt', false],
    ];
    for (const [path, want] of table)
      assert.equal(javaAnalyzer.wants({ path, mode: 0o644, size: 1000 }), want, path);
  });
});
