import type { Command } from 'commander';
import { dbCommand } from './db.js';
import { explainCommand } from './explain.js';
import { sbomCommand } from './sbom.js';
import { scanCommand } from './scan.js';

/** Every subcommand, in the order `bulwark --help` lists them. */
export const commands: (() => Command)[] = [sbomCommand, scanCommand, explainCommand, dbCommand];
