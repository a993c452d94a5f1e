/**
 * The sensor log: `Storage/logs/sensor.log`, rotated by size (sensor.log.1 … .N, oldest
 * dropped), and the console too with `--enable-console-logs`. LogLevel as the reference's
 * 0–5: 0 nothing, 1 errors, 2 warnings, 3 information, 4 debug, 5 trace. Writes are
 * synchronous appends: a sensor killed right after a line still has that line on disk.
 */
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Logger {
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
  trace(msg: string): void;
  level: number;
}

export interface FileLoggerOptions {
  dir: string;
  level: number;
  console: boolean;
  maxBytes?: number;
  keep?: number;
}

const NAMES = ['', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'] as const;

export function fileLogger(opts: FileLoggerOptions): Logger {
  mkdirSync(opts.dir, { recursive: true });
  const file = join(opts.dir, 'sensor.log');
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const keep = opts.keep ?? 5;
  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--)
      if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    renameSync(file, `${file}.1`);
  };
  const logger: Logger = {
    level: opts.level,
    error: (m) => write(1, m),
    warn: (m) => write(2, m),
    info: (m) => write(3, m),
    debug: (m) => write(4, m),
    trace: (m) => write(5, m),
  };
  function write(level: number, msg: string): void {
    if (level > logger.level) return;
    const line = `${new Date().toISOString()} ${NAMES[level]} ${msg}\n`;
    try {
      if (existsSync(file) && statSync(file).size + line.length > maxBytes) rotate();
      appendFileSync(file, line);
    } catch {
      // A full disk must not stop the sensor; the console (if on) still gets the line.
    }
    if (opts.console) process.stderr.write(line);
  }
  return logger;
}
