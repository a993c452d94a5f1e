import type { Command } from 'commander';
import { adminCommand } from './admin.js';
import { dbCommand } from './db.js';
import { explainCommand } from './explain.js';
import { sbomCommand } from './sbom.js';
import { scanCommand } from './scan.js';
import { sensorCommand } from './sensor.js';
import { serverCommand } from './server.js';

/** Every subcommand, in the order `bulwark --help` lists them. */
export const commands: (() => Command)[] = [
  sbomCommand,
  scanCommand,
  explainCommand,
  dbCommand,
  serverCommand,
  adminCommand,
  sensorCommand,
];
