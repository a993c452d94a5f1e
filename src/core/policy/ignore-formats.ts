/**
 * Every ignore-file format in one list: which names are read from the working
 * directory when `--ignore-file` is not given, and how each is parsed. A file is
 * parsed by its name; content that does not fit that format is an error.
 */
import { basename } from 'node:path';
import { type IgnoreRule, parseIgnoreFile } from './ignore-file.js';
import { parseTrivyIgnore, parseTrivyIgnoreYaml } from './trivy-ignore.js';

export interface IgnoreFormat {
  name: string;
  /** Read from the working directory when present (all that exist, in this order). */
  defaultFiles: readonly string[];
  matches(fileName: string): boolean;
  parse(text: string, path: string): IgnoreRule[];
}

const isYaml = (name: string) => /\.ya?ml$/i.test(name);

export const ignoreFormats = [
  {
    name: 'trivy-yaml',
    defaultFiles: ['.trivyignore.yaml', '.trivyignore.yml'],
    matches: (name) => isYaml(name) && name.toLowerCase().includes('trivyignore'),
    parse: parseTrivyIgnoreYaml,
  },
  {
    name: 'bulwark',
    defaultFiles: ['.bulwarkignore.yaml', '.bulwarkignore.yml'],
    matches: isYaml,
    parse: parseIgnoreFile,
  },
  {
    // Anything that is not YAML is read as a plain list of ids, as Trivy reads --ignorefile.
    name: 'trivy',
    defaultFiles: ['.trivyignore'],
    matches: () => true,
    parse: parseTrivyIgnore,
  },
] as const satisfies readonly IgnoreFormat[];

export const defaultIgnoreFiles: readonly string[] = ignoreFormats.flatMap((f) => f.defaultFiles);

export function parseAnyIgnoreFile(text: string, path: string): IgnoreRule[] {
  const name = basename(path);
  const format = ignoreFormats.find((f) => f.matches(name)) as IgnoreFormat;
  return format.parse(text, path);
}
