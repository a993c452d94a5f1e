import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { reportError } from './output.js';
import { version } from './version.js';

export function buildProgram(): Command {
  const program = new Command('bulwark')
    .description('Container security: SBOMs, vulnerability scans, sensors and a REST API.')
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const make of commands) program.addCommand(make());
  return program;
}

/** Exit codes: 0 success, 1 a fail condition was met (scan), 2 an error. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit with 0; commander already printed what it had to say.
      return err.exitCode === 0 ? 0 : 2;
    }
    reportError(err);
    return 2;
  }
}
