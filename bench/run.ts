// `npm run bench`: every benchmark, printed as ratios against a floor or a peer
// measured in the same run. Nothing here passes or fails; read the targets.
import { breadthBench } from './breadth-bench.js';
import { cliBench } from './cli-bench.js';
import { consoleBench } from './console-bench.js';
import { ingestBench } from './ingest-bench.js';
import { matchBench } from './match-bench.js';
import { nodeModulesBench } from './node-modules-bench.js';
import { parserBench } from './parser-bench.js';
import { qqlBench } from './qql-bench.js';
import { registryScanBench } from './registry-scan-bench.js';
import { rematchBench } from './rematch-bench.js';
import { sbomBench } from './sbom-bench.js';
import { sensorBench } from './sensor-bench.js';
import type { BenchRow } from './support.js';

const benches: [string, () => Promise<BenchRow[]>][] = [
  ['whole process (built CLI)', cliBench],
  ['sbom pipeline', sbomBench],
  ['matching and vulnerability db', matchBench],
  ['node_modules image', nodeModulesBench],
  ['parsers and lookups', parserBench],
  ['qql list queries', qqlBench],
  ['sensor ingest', ingestBench],
  ['server re-match', rematchBench],
  ['registry scan (sensor)', registryScanBench],
  ['web console', consoleBench],
  ['breadth analyzers on a plain Debian image', breadthBench],
  ['sensor (General mode)', sensorBench],
];

const only = process.argv[2];
for (const [title, run] of benches) {
  if (only && !title.includes(only)) continue;
  process.stdout.write(`\n## ${title}\n`);
  for (const row of await run()) {
    process.stdout.write(
      `${row.name.padEnd(48)} ${row.value.toFixed(3).padStart(10)} ${row.unit.padEnd(4)} ${row.note}\n`,
    );
  }
}
