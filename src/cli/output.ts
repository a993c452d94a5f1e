import { writeFile } from 'node:fs/promises';
import { BulwarkError, type ErrorCode, isBulwarkError } from '../core/errors.js';

/** One line on stderr: `error[CODE]: message`. Stack traces only with BULWARK_DEBUG. */
export function reportError(err: unknown): void {
  // An error without a code is a bug; it still gets a code from the catalog.
  const code: ErrorCode = isBulwarkError(err) ? err.code : 'INTERNAL';
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error[${code}]: ${message.split('\n')[0]}\n`);
  if (process.env.BULWARK_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
}

/** `--quiet`: no warnings or progress on stderr; errors and failed gates still print. */
let quiet = false;

export function setQuiet(on: boolean): void {
  quiet = on;
}

export function isQuiet(): boolean {
  return quiet;
}

export function warn(message: string): void {
  if (!quiet) process.stderr.write(`warning: ${message}\n`);
}

/** `--debug`: notes on what the command is doing, on stderr. */
export function debug(message: string): void {
  if (process.env.BULWARK_DEBUG && !quiet) process.stderr.write(`debug: ${message}\n`);
}

/** `-o -` means stdout, as in most Unix tools. */
const toStdout = (outputPath: string | undefined): boolean => !outputPath || outputPath === '-';

/** Writes to a file when asked, else stdout; a trailing newline keeps shells tidy. */
export async function emit(text: string, outputPath: string | undefined): Promise<void> {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (toStdout(outputPath)) {
    process.stdout.write(body);
    return;
  }
  await writeFile(outputPath as string, body).catch((err) => {
    throw new BulwarkError('IO', `${outputPath}: cannot write (${(err as Error).message})`, { cause: err });
  });
}

/** Columns to fit the table to: the terminal's, or COLUMNS when set; none for files. */
export function terminalWidth(outputPath: string | undefined): number | undefined {
  if (!toStdout(outputPath)) return undefined;
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  const columns = Number(process.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

export function useColor(outputPath: string | undefined): boolean {
  return toStdout(outputPath) && process.stdout.isTTY === true && !process.env.NO_COLOR;
}
