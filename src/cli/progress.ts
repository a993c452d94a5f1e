import type { ScanProgress } from '../core/scan/generate-sbom.js';
import { isQuiet } from './output.js';

/** Layer progress on stderr when it is a terminal; silent in pipes and CI logs. */
export function terminalProgress(label: string): ((event: ScanProgress) => void) | undefined {
  if (!process.stderr.isTTY || isQuiet()) return undefined;
  let done = 0;
  return (event) => {
    if (event.kind === 'opened') {
      process.stderr.write(`${label}: ${event.layers} layers\n`);
      return;
    }
    done += 1;
    const note = event.cached ? 'cached' : 'analyzed';
    process.stderr.write(`\r\x1b[K  layer ${done}/${event.total} ${note}`);
    if (done === event.total) process.stderr.write('\n');
  };
}
