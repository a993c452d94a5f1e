import type { ParseResult } from './parse-result.js';
import type { Analyzer } from './types.js';

/** The lockfile's own directory: its installed tree (node_modules/, vendor/) sits there. */
export function lockfileDir(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Anywhere in the image: site-packages and gem homes live outside the project. */
export const anywhere = (): string => '';

/**
 * The `kindOf` of a format known by one file name (`conan.lock`), wherever a project keeps
 * it, except below `skipUnder` (a dependency cache such as `deps/`: copies there are the
 * dependencies' own). Plain string checks: `wants()` runs on every entry of every layer.
 */
export function fileNamed<Kind extends string>(
  name: string,
  kind: Kind,
  skipUnder?: string,
): (path: string) => Kind | undefined {
  const suffix = `/${name}`;
  return (path) => {
    if (path !== name && !path.endsWith(suffix)) return undefined;
    return skipUnder !== undefined && path.includes(skipUnder) ? undefined : kind;
  };
}

/**
 * Most language analyzers read a handful of text formats told apart by file name:
 * this builds the analyzer from a `kindOf(path)` classifier and one pure parser per
 * kind. A parser that throws anyway is caught by the layer walker and reported as
 * an unknown, so the scan goes on.
 */
export function defineFileAnalyzer<Kind extends string>(spec: {
  name: string;
  version: number;
  maxFileSize: number;
  kindOf(path: string): Kind | undefined;
  parsers: Record<Kind, (text: string, path: string) => ParseResult>;
  /**
   * For the kinds that are lockfiles: the directory whose installed packages a lockfile at
   * `path` describes (see `FoundPackage.declaredFor`).
   */
  declaredFor?: Partial<Record<Kind, (path: string) => string>>;
}): Analyzer {
  return {
    name: spec.name,
    version: spec.version,
    maxFileSize: spec.maxFileSize,
    wants: (info) => spec.kindOf(info.path) !== undefined,
    analyze({ path, content }) {
      const kind = spec.kindOf(path);
      if (kind === undefined) return {};
      const result = spec.parsers[kind](content.toString('utf8'), path);
      const scope = spec.declaredFor?.[kind]?.(path);
      if (scope !== undefined) for (const pkg of result.packages) pkg.declaredFor = scope;
      return result;
    },
  };
}
