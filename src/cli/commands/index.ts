import type { Command } from 'commander';
import { dbCommand } from './db.js';
import { sbomCommand } from './sbom.js';

/** Every subcommand, in the order `bulwark --help` lists them. */
export const commands: (() => Command)[] = [sbomCommand, dbCommand];
