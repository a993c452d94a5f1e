import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { makeLayer, sha256 } from '../../../../test-support/make-image.js';
import { applyLayers } from '../../../applier/apply-layers.js';
import { walkLayer } from '../../../layer/walk-layer.js';
import { readPeVersionInfo } from '../../binary/pe.js';
import { dotnetAnalyzer } from './dotnet-analyzer.js';
import { readAssembly } from './read-assembly.js';

// Acme.Widgets.dll is compiled by Debian's Mono C# compiler (testdata/build-assembly.sh);
// its version resource carries the assembly attributes written there.
const dll = readFileSync(join(import.meta.dirname, 'testdata', 'Acme.Widgets.dll'));

describe('.NET assemblies: PE version resources', () => {
  it('reads the StringFileInfo strings and the CLR header', () => {
    const read = readPeVersionInfo(dll);
    assert.equal(read.ok, true);
    if (!read.ok) return;
    assert.equal(read.info.managed, true);
    assert.equal(read.info.strings.ProductVersion, '4.2.1+9f1c2ab');
    assert.equal(read.info.strings.FileVersion, '4.2.1.17');
    assert.equal(read.info.strings.OriginalFilename, 'Acme.Widgets.dll');
  });

  it('reports the NuGet package of the same name at the informational version, low confidence', () => {
    assert.deepEqual(readAssembly('app/Acme.Widgets.dll', dll), {
      packages: [
        { type: 'nuget', name: 'Acme.Widgets', version: '4.2.1', confidence: 'low', declaredFor: 'app' },
      ],
    });
  });

  it('beside a deps.json listing it: one package, the assembly one more location', async () => {
    const deps = JSON.stringify({
      runtimeTarget: { name: '.NETCoreApp,Version=v8.0' },
      targets: {
        '.NETCoreApp,Version=v8.0': {
          'Acme.Widgets/4.2.1': { runtime: { 'lib/net8.0/Acme.Widgets.dll': {} } },
        },
      },
      libraries: {
        'Acme.Widgets/4.2.1': {
          type: 'package',
          serviceable: true,
          sha512: 'sha512-x',
          path: 'acme.widgets/4.2.1',
        },
      },
    });
    const scan = async (entries: { name: string; content: string | Buffer }[]) => {
      const tar = await makeLayer(entries);
      const diffID = sha256(tar);
      const result = await walkLayer(Readable.from([tar]), {
        analyzers: [dotnetAnalyzer],
        diffID,
        tempDir: '/x',
      });
      return applyLayers([{ info: { index: 0, diffID, digest: diffID }, result }]).packages.map(
        (p) =>
          `${p.name}@${p.version} ${p.location.path}${(p.otherLocations ?? []).map((l) => ` +${l.path}`).join('')}`,
      );
    };
    assert.deepEqual(
      await scan([
        { name: 'app/Web.deps.json', content: deps },
        { name: 'app/Acme.Widgets.dll', content: dll },
      ]),
      ['Acme.Widgets@4.2.1 app/Web.deps.json +app/Acme.Widgets.dll'],
    );
    assert.deepEqual(await scan([{ name: 'opt/tool/Acme.Widgets.dll', content: dll }]), [
      'Acme.Widgets@4.2.1 opt/tool/Acme.Widgets.dll',
    ]);
  });

  it('cut or forged PE files are unknowns or nothing, never a throw', () => {
    for (const len of [2, 64, 200, 600, 1500, dll.length - 100]) {
      const result = readAssembly('x.dll', dll.subarray(0, len));
      assert.ok((result.packages ?? []).length <= 1, String(len));
    }
    assert.deepEqual(readAssembly('x.dll', Buffer.from('not a pe file at all')), {});
    const forged = Buffer.from(dll);
    forged.writeUInt32LE(0x7ffffff0, 0x3c);
    assert.match(readAssembly('x.dll', forged).unknowns?.[0]?.reason ?? '', /PE signature/);
  });

  it('wants .dll and .exe (PE magic checked before reading), deps.json and packages.lock.json', () => {
    const table: [string, number, boolean][] = [
      ['app/Acme.Widgets.dll', 3072, true],
      ['app/Tool.EXE', 3072, true],
      ['app/tiny.dll', 100, false],
      ['app/Web.deps.json', 100, true],
      ['usr/lib/x86_64-linux-gnu/libc.so.6', 3072, false],
    ];
    for (const [path, size, want] of table)
      assert.equal(dotnetAnalyzer.wants({ path, mode: 0o644, size }), want, path);
    assert.deepEqual(dotnetAnalyzer.magic?.({ path: 'a.dll', mode: 0o644, size: 3072 }), [
      Uint8Array.of(0x4d, 0x5a),
    ]);
  });
});
