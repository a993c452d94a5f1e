/**
 * Flags from a config file and from `BULWARK_*` environment variables, for every flag
 * of every command. Precedence: a flag on the command line, then its environment
 * variable, then the config file, then the built-in default (docs/configuration.md).
 *
 * The config file is `--config PATH`, else `BULWARK_CONFIG`, else `bulwark.yaml` /
 * `bulwark.yml` in the working directory. Top-level keys are long flag names and
 * apply to every command that has the flag; a key naming a command (`scan image:`,
 * `sbom:`, `db update:`) holds flags for that command only and wins over the top level.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command, Option } from 'commander';
import { BulwarkError } from '../core/errors.js';

export const configFileNames = ['bulwark.yaml', 'bulwark.yml'];

type Source = 'config' | 'env';
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `--config PATH` is read before commander parses anything: it decides the other defaults. */
export function configPathFromArgv(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg === '--config') return argv[i + 1];
    if (arg.startsWith('--config=')) return arg.slice('--config='.length);
  }
  if (env.BULWARK_CONFIG) return env.BULWARK_CONFIG;
  return configFileNames.find((name) => existsSync(name));
}

export async function readConfigFile(path: string): Promise<Record<string, Json>> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new BulwarkError('IO', `${path}: cannot read the config file (${(err as Error).message})`, {
      cause: err,
    });
  }
  const { parse } = await import('yaml');
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new BulwarkError(
      'INPUT_INVALID',
      `${path}: not valid YAML: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new BulwarkError('INPUT_INVALID', `${path}: a config file is a mapping of flag names to values`);
  return doc as Record<string, Json>;
}

/** `--fail-on-severity` → `BULWARK_FAIL_ON_SEVERITY`; `--no-cache` → `BULWARK_NO_CACHE`. */
export function envName(option: Option): string {
  return `BULWARK_${(option.long ?? '').replace(/^--/, '').replace(/-/g, '_').toUpperCase()}`;
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function truth(text: string, where: string): boolean {
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off|)$/i.test(text)) return false;
  throw new BulwarkError('USAGE', `${where}: expected true or false, got "${text}"`);
}

/** Sets one option from config or env, through the option's own parser (validation, lists). */
function apply(command: Command, option: Option, value: Json, source: Source, where: string): void {
  const key = option.attributeName();
  if (option.negate || option.isBoolean()) {
    const on = typeof value === 'boolean' ? value : truth(String(value), where);
    // `--no-cache`'s attribute is `cache`: on means "no cache".
    command.setOptionValueWithSource(key, option.negate ? !on : on, source);
    return;
  }
  const values = Array.isArray(value) ? value : [value];
  let current: unknown = option.defaultValue;
  for (const item of values) {
    if (item === null || typeof item === 'object')
      throw new BulwarkError('USAGE', `${where}: expected a value or a list of values`);
    const text = String(item);
    current = option.parseArg ? option.parseArg(text, current) : text;
  }
  command.setOptionValueWithSource(key, current, source);
  // A repeatable flag on the command line replaces the configured list instead of adding to it.
  const parse = option.parseArg;
  if (parse && Array.isArray(option.defaultValue)) {
    option.argParser((text: string, previous: unknown) =>
      parse(text, command.getOptionValueSource(key) === 'cli' ? previous : option.defaultValue),
    );
  }
}

function flagName(option: Option): string {
  return (option.long ?? '').replace(/^--/, '');
}

function configure(
  command: Command,
  config: Record<string, Json>,
  env: NodeJS.ProcessEnv,
  file?: string,
): void {
  const path = commandPath(command);
  const section = path ? config[path] : undefined;
  const own = section && typeof section === 'object' && !Array.isArray(section) ? section : {};
  const known = new Set(command.options.map(flagName));
  for (const key of Object.keys(own)) {
    if (!known.has(key)) throw new BulwarkError('USAGE', `${file}: \`${path}\` has no flag --${key}`);
  }
  for (const option of command.options) {
    const name = flagName(option);
    if (name === 'help' || name === 'version' || name === 'config') continue;
    const fromFile = name in own ? own[name] : config[name];
    // A top-level key that names a command section is not a flag value (`db:` the command vs `--db`).
    const isSection = fromFile !== null && typeof fromFile === 'object' && !Array.isArray(fromFile);
    if (fromFile !== undefined && !isSection) apply(command, option, fromFile, 'config', `${file}: ${name}`);
    // An empty variable is unset, as shells and CI systems often export empty ones.
    const fromEnv = env[envName(option)];
    if (fromEnv !== undefined && fromEnv !== '') apply(command, option, fromEnv, 'env', envName(option));
  }
  for (const sub of command.commands) configure(sub, config, env, file);
}

/** Applies the config file and environment to every loaded command, before parsing. */
export async function applyConfig(
  program: Command,
  argv: readonly string[],
  env = process.env,
): Promise<void> {
  const file = configPathFromArgv(argv, env);
  const config = file ? await readConfigFile(file) : {};
  configure(program, config, env, file);
}
