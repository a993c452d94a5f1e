import type { Command } from 'commander';

/**
 * Every subcommand, in the order `bulwark --help` lists them. Each entry loads its
 * module only when that command runs, so `bulwark --version` and `bulwark db status`
 * never pay for the image sources, the report writers or the HTTP client.
 */
export interface CommandEntry {
  name: string;
  load: () => Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'sbom', load: async () => (await import('./sbom.js')).sbomCommand() },
  { name: 'scan', load: async () => (await import('./scan.js')).scanCommand() },
  { name: 'explain', load: async () => (await import('./explain.js')).explainCommand() },
  { name: 'db', load: async () => (await import('./db.js')).dbCommand() },
  { name: 'cache', load: async () => (await import('./cache.js')).cacheCommand() },
  { name: 'version', load: async () => (await import('./version.js')).versionCommand() },
  { name: 'server', load: async () => (await import('./server.js')).serverCommand() },
  { name: 'admin', load: async () => (await import('./admin.js')).adminCommand() },
  { name: 'sensor', load: async () => (await import('./sensor.js')).sensorCommand() },
  { name: 'ci', load: async () => (await import('./ci.js')).ciCommand() },
];
