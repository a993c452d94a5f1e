import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const json = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (json.name === 'bulwark' && json.version) return json.version;
    } catch {
      // try the next location: src/cli and dist/cli sit at different depths
    }
  }
  return '0.0.0';
}

export const version = readVersion();
