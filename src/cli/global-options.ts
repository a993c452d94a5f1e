/**
 * Flags every command takes, as Trivy and Grype users expect them: `--quiet`,
 * `--debug`, `--config`, and `--timeout`. Commands that already have a `--timeout`
 * (per request: registries, the daemon, downloads) keep theirs; on the others it
 * bounds the whole command.
 */
import type { Command } from 'commander';
import { BulwarkError } from '../core/errors.js';
import { parseDuration } from './duration.js';
import { reportError, setQuiet } from './output.js';

const wholeCommandTimeout = new WeakSet<Command>();
let deadline: NodeJS.Timeout | undefined;

export function addGlobalOptions(command: Command): void {
  const has = (flag: string) => command.options.some((o) => o.long === flag);
  command
    .option('-q, --quiet', 'no progress or warnings on stderr (errors and failed gates still print)')
    .option('--debug', 'stack traces and debug notes on stderr (or BULWARK_DEBUG=1)')
    .option('--config <file>', 'config file (default: BULWARK_CONFIG, or ./bulwark.yaml when present)');
  if (!has('--timeout')) {
    command.option(
      '--timeout <duration>',
      'give up when the command runs longer than this: seconds or 90s, 5m',
    );
    wholeCommandTimeout.add(command);
  }
}

/** Runs before every action: applies `--quiet`, `--debug` and a whole-command `--timeout`. */
export function beforeAction(root: Command, action: Command): void {
  const opts = action.opts<{ quiet?: boolean; debug?: boolean; timeout?: string }>();
  const top = root.opts<{ quiet?: boolean; debug?: boolean }>();
  setQuiet(opts.quiet === true || top.quiet === true);
  if (opts.debug || top.debug) process.env.BULWARK_DEBUG = '1';
  if (opts.timeout !== undefined && wholeCommandTimeout.has(action)) {
    const ms = parseDuration(opts.timeout);
    deadline = setTimeout(() => {
      reportError(new BulwarkError('TIMEOUT', `gave up after ${opts.timeout} (--timeout)`));
      process.exit(2);
    }, ms).unref();
  }
}

/** The action finished in time: the deadline no longer applies. */
export function afterAction(): void {
  clearTimeout(deadline);
  deadline = undefined;
}
