// Runs one `generateSbom` in a fresh process so its time and peak RSS are its own.
import { generateSbom } from '../src/core/scan/generate-sbom.js';

const [ref, cacheDir] = process.argv.slice(2);
if (!ref) throw new Error('usage: sbom-child.ts REF [CACHE_DIR]');
const start = performance.now();
const sbom = await generateSbom(ref, { cacheDir: cacheDir ?? false });
const ms = performance.now() - start;
process.stdout.write(
  `${JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, packages: sbom.packages.length })}\n`,
);
