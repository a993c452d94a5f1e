/**
 * Interpreters installed outside a package manager (the official `node`, `python`, `php` and
 * `ruby` images build them from source into /usr/local) carry their version in their own
 * bytes. Each runtime is recognised by its file name first (cheap, called for every entry),
 * then by a string its build always embeds; nothing else in the file is trusted.
 */

/** The runtimes read from executables, by the name advisories (OSV's `Bitnami`) give them. */
export type RuntimeName = 'node' | 'python' | 'php' | 'ruby';

export interface RuntimeFile {
  runtime: RuntimeName;
  /** For Python, the `3.N` the file name promises: the version must start with it. */
  series?: string;
}

const pythonBinary = /^python(3\.\d+)$/;
// libpython3.12.so.1.0, libpython3.13t.so.1.0 (free-threaded), libpython3.11d.so (debug)
const pythonLibrary = /^libpython(3\.\d+)[a-z]*\.so(?:\.[0-9.]+)?$/;
// php, php8.2 (Debian's alternative name); php-fpm and php-cgi would report the same install twice.
const phpBinary = /^php(?:\d+(?:\.\d+)?)?$/;
// ruby, ruby3.1; libruby.so.3.3.5 (official images), libruby-3.1.so.3.1.2 (Debian)
const rubyBinary = /^ruby(?:\d+(?:\.\d+)?)?$/;
const rubyLibrary = /^libruby(?:-\d+\.\d+)?\.so(?:\.[0-9.]+)?$/;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Which runtime a file may be, by its name only; undefined for everything else. */
export function runtimeFileOf(path: string): RuntimeFile | undefined {
  const name = baseName(path);
  if (name === 'node') return { runtime: 'node' };
  const py = pythonBinary.exec(name) ?? pythonLibrary.exec(name);
  if (py) return { runtime: 'python', series: py[1] };
  if (phpBinary.test(name)) return { runtime: 'php' };
  if (rubyBinary.test(name) || rubyLibrary.test(name)) return { runtime: 'ruby' };
  return undefined;
}

/** True for names that are shared libraries: they need no exec bit to be read. */
export function isRuntimeLibrary(path: string): boolean {
  const name = baseName(path);
  return pythonLibrary.test(name) || rubyLibrary.test(name);
}

/**
 * Every distinct capture of `pattern` near each occurrence of `marker`. Only small windows
 * around the marker are decoded (latin1: one char per byte), so a 100 MiB `node` costs one
 * `indexOf` pass, not a 100 MiB string.
 */
function matchesNear(content: Buffer, marker: string, pattern: RegExp): string[] {
  const found = new Set<string>();
  const needle = Buffer.from(marker, 'latin1');
  const before = 32;
  const after = 96;
  for (let at = content.indexOf(needle); at >= 0; at = content.indexOf(needle, at + needle.length)) {
    const window = content.toString('latin1', Math.max(0, at - before), Math.min(content.length, at + after));
    for (const m of window.matchAll(pattern)) if (m[1]) found.add(m[1]);
    if (found.size > 1) break;
  }
  return [...found];
}

/**
 * The one version the bytes name, or undefined when they name none or disagree (a
 * binary that mentions two versions of itself is not guessed at).
 */
function single(values: string[]): string | undefined {
  return values.length === 1 ? values[0] : undefined;
}

const escapeDots = (s: string) => s.replaceAll('.', '\\.');

/**
 * The version, or undefined when the file holds no version string of its runtime (a
 * dynamically linked launcher: the shared library beside it carries the version).
 */
export function readRuntimeVersion(file: RuntimeFile, content: Buffer): string | undefined {
  switch (file.runtime) {
    // `process.release` URLs and the `node.js/vX.Y.Z` tag are compiled into every official build.
    case 'node':
      return single(matchesNear(content, 'node.js/v', /node\.js\/v(\d+\.\d+\.\d+)(?![\d.])/g));
    case 'php':
      return single(
        matchesNear(content, 'X-Powered-By: PHP/', /PHP\/(\d+\.\d+\.\d+(?:(?:alpha|beta|RC)\d+)?)(?![\d.])/g),
      );
    // RUBY_DESCRIPTION: `ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) [x86_64-linux]`.
    case 'ruby':
      return single(
        matchesNear(
          content,
          'ruby ',
          /(?<![\w.])ruby (\d+\.\d+\.\d+)(?:p\d+)? \(\d{4}-\d\d-\d\d (?:revision|git)/g,
        ),
      );
    case 'python': {
      // PY_VERSION as a C string. The linker may merge it into the tail of a longer string
      // (`…/versions/3.11.7`), so it need not start at a NUL, only not inside a number.
      const series = file.series ?? '3';
      const pattern = new RegExp(`(?<![0-9.])(${escapeDots(series)}\\.\\d+(?:(?:a|b|rc)\\d+)?)\\+?\\0`, 'g');
      return single(matchesNear(content, `${series}.`, pattern));
    }
  }
}
