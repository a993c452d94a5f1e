import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const require = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;

/** The YAML parser, loaded on first use: most scans read no ignore file at all. */
export function parseYaml(text: string): unknown {
  yaml ??= require('yaml') as typeof Yaml;
  return yaml.parse(text);
}
