import { Command, CommanderError } from 'commander';
import { BulwarkError, isBulwarkError } from '../core/errors.js';
import { type CommandEntry, commands } from './commands/index.js';
import { applyConfig } from './config.js';
import { addGlobalOptions, afterAction, beforeAction } from './global-options.js';
import { reportError } from './output.js';
import { version } from './version.js';

export const usageHint = '(run with --help for usage)';

/**
 * Settings commander does not pass down to commands built with `new Command()`:
 * every level must throw instead of exiting (so usage errors exit 2, not 1) and
 * print the usage hint. A command that only groups subcommands says which one is
 * missing or unknown instead of dumping its help as an error.
 */
function configure(command: Command): void {
  command.exitOverride().showHelpAfterError(usageHint);
  const subcommands = command.commands;
  // A command with arguments of its own (`bulwark sensor [Name=Value...]`) runs its own
  // action; only pure groups (`db`, `scan`) answer a missing or unknown subcommand.
  const isGroup = subcommands.length > 0 && command.registeredArguments.length === 0;
  if (isGroup && command.parent) {
    const names = subcommands.map((c) => c.name()).join(', ');
    const path = `bulwark ${command.name()}`;
    command.allowExcessArguments(true).action((_opts: unknown, self: Command) => {
      const [first] = self.args;
      throw new BulwarkError(
        'USAGE',
        first === undefined
          ? `${path}: missing subcommand (one of ${names})`
          : `${path}: unknown subcommand '${first}' (one of ${names})`,
      );
    });
  } else if (command.parent) addGlobalOptions(command);
  for (const sub of subcommands) configure(sub);
}

/** The commands this argv needs: only the one it names, all of them for help and errors. */
function needed(argv: readonly string[]): readonly CommandEntry[] {
  const first = argv.find((a) => !a.startsWith('-'));
  const named = commands.find((c) => c.name === first);
  if (named) return [named];
  if (first === undefined && argv.some((a) => a === '-v' || a === '--version')) return [];
  return commands;
}

export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('bulwark')
    .description('Container security: SBOMs, vulnerability scans, sensors and a REST API.')
    .version(version, '-v, --version')
    .option('-q, --quiet', 'no progress or warnings on stderr')
    .option('--debug', 'stack traces and debug notes on stderr')
    .option('--config <file>', 'config file (default: BULWARK_CONFIG, or ./bulwark.yaml when present)');
  for (const entry of needed(argv)) program.addCommand(await entry.load());
  configure(program);
  program.hook('preAction', beforeAction).hook('postAction', afterAction);
  await applyConfig(program, argv);
  return program;
}

/** Exit codes: 0 success, 1 a fail condition was met (scan), 2 an error. */
export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit with 0; commander already printed what it had to say.
      return err.exitCode === 0 ? 0 : 2;
    }
    reportError(err);
    if (isBulwarkError(err, 'USAGE')) process.stderr.write(`${usageHint}\n`);
    return 2;
  }
}
