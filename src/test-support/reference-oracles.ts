/**
 * The real reference implementations, driven in batches. Used by
 * scripts/gen-version-vectors.ts to write the committed vectors and by the "live"
 * tests that prove the vectors still agree with the tools installed here.
 * Never imported by the library itself.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `<`, `=`, `>` for a comparison; `!` marks an invalid version. */
export type Verdict = '<' | '=' | '>';
export type Pair = readonly [string, string];

function withTemp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-vectors-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lines(out: string, expected: number, tool: string): string[] {
  const got = out.split('\n').filter((l) => l !== '');
  if (got.length !== expected) throw new Error(`${tool}: expected ${expected} answers, got ${got.length}`);
  return got;
}

function signToVerdict(n: number): Verdict {
  return n < 0 ? '<' : n > 0 ? '>' : '=';
}

function pairFile(dir: string, pairs: readonly Pair[]): string {
  for (const [a, b] of pairs) {
    if (/[\t\n]/.test(a + b)) throw new Error(`tab or newline in version pair ${a} ${b}`);
  }
  const path = join(dir, 'pairs.tsv');
  writeFileSync(path, pairs.map(([a, b]) => `${a}\t${b}\n`).join(''));
  return path;
}

const BIG = { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' } as const;

/** `dpkg --compare-versions` (dpkg 1.21): `lt`, then `eq`, per pair, in one shell loop. */
export function dpkgCompare(pairs: readonly Pair[]): Verdict[] {
  return withTemp((dir) => {
    const file = pairFile(dir, pairs);
    const script = `while IFS=$'\\t' read -r a b; do
  if dpkg --compare-versions "$a" lt "$b" 2>/dev/null; then echo '<';
  elif dpkg --compare-versions "$a" eq "$b" 2>/dev/null; then echo '=';
  else echo '>'; fi
done < "$1"`;
    const out = execFileSync('bash', ['-c', script, 'dpkg-loop', file], BIG);
    return lines(out, pairs.length, 'dpkg') as Verdict[];
  });
}

/** rpm 4.18's Lua `rpm.vercmp` (full `[epoch:]version[-release]` comparison), one rpm process. */
export function rpmCompare(pairs: readonly Pair[]): Verdict[] {
  return withTemp((dir) => {
    const file = pairFile(dir, pairs);
    const lua = `for line in io.lines("${file}") do local t = string.find(line, "\\t", 1, true); io.write(rpm.vercmp(string.sub(line, 1, t - 1), string.sub(line, t + 1)), "\\n") end`;
    const out = execFileSync('rpm', ['--eval', `%{lua: ${lua}}`], BIG);
    return lines(out, pairs.length, 'rpm').map((l) => signToVerdict(Number(l)));
  });
}

/** Python `packaging.version.Version` as vendored in pip. Invalid versions come back as `!`. */
export function packagingCompare(pairs: readonly Pair[]): (Verdict | '!')[] {
  const py = `
import sys
from pip._vendor.packaging.version import Version, InvalidVersion
def v(s):
    try:
        return Version(s)
    except InvalidVersion:
        return None
for line in open(sys.argv[1], encoding="utf-8"):
    a, b = line.rstrip("\\n").split("\\t")
    x, y = v(a), v(b)
    print("!" if x is None or y is None else "<" if x < y else ">" if x > y else "=")
`;
  return withTemp((dir) => {
    const file = pairFile(dir, pairs);
    const out = execFileSync('python3', ['-c', py, file], BIG);
    return lines(out, pairs.length, 'python packaging') as (Verdict | '!')[];
  });
}

export function packagingVersion(): string {
  return execFileSync(
    'python3',
    ['-c', 'from pip._vendor import packaging; print(packaging.__version__)'],
    BIG,
  ).trim();
}

/** maven-artifact's ComparableVersion (Debian's maven 3.8.7) through a single-file Java program. */
export function mavenCompare(
  pairs: readonly Pair[],
  jar = '/usr/share/maven/lib/maven-artifact-3.x.jar',
): Verdict[] {
  const java = `
import java.nio.file.*;
import org.apache.maven.artifact.versioning.ComparableVersion;
public class Cmp {
  public static void main(String[] args) throws Exception {
    StringBuilder out = new StringBuilder();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      int t = line.indexOf('\\t');
      int c = new ComparableVersion(line.substring(0, t)).compareTo(new ComparableVersion(line.substring(t + 1)));
      out.append(c < 0 ? "<" : c > 0 ? ">" : "=").append('\\n');
    }
    System.out.print(out);
  }
}`;
  return withTemp((dir) => {
    const file = pairFile(dir, pairs);
    writeFileSync(join(dir, 'Cmp.java'), java);
    const out = execFileSync('java', ['-cp', jar, join(dir, 'Cmp.java'), file], BIG);
    return lines(out, pairs.length, 'maven') as Verdict[];
  });
}

/**
 * golang.org/x/mod/semver, the copy vendored in Go's own source tree, compiled into a
 * throwaway module (it is not importable from outside cmd/). Invalid versions → `!`.
 */
export function goSemverCompare(pairs: readonly Pair[], goroot = '/usr/lib/go'): (Verdict | '!')[] {
  const main = `package main
import ("bufio"; "fmt"; "os"; "strings"; "vectors/semver")
func main() {
  f, _ := os.Open(os.Args[1])
  s := bufio.NewScanner(f)
  s.Buffer(make([]byte, 1<<20), 1<<20)
  w := bufio.NewWriter(os.Stdout)
  for s.Scan() {
    p := strings.SplitN(s.Text(), "\\t", 2)
    if !semver.IsValid(p[0]) || !semver.IsValid(p[1]) { fmt.Fprintln(w, "!"); continue }
    fmt.Fprintln(w, map[int]string{-1: "<", 0: "=", 1: ">"}[semver.Compare(p[0], p[1])])
  }
  w.Flush()
}
`;
  return withTemp((dir) => {
    const file = pairFile(dir, pairs);
    mkdirSync(join(dir, 'semver'));
    copyFileSync(
      join(goroot, 'src/cmd/vendor/golang.org/x/mod/semver/semver.go'),
      join(dir, 'semver/semver.go'),
    );
    writeFileSync(join(dir, 'go.mod'), 'module vectors\n\ngo 1.19\n');
    writeFileSync(join(dir, 'main.go'), main);
    const env = { ...process.env, GOPROXY: 'off', GOFLAGS: '-mod=mod' };
    const out = execFileSync('go', ['run', '.', file], { ...BIG, cwd: dir, env });
    return lines(out, pairs.length, 'go') as (Verdict | '!')[];
  });
}

/**
 * RubyGems' `Gem::Version` in Debian's ruby: `correct?` decides validity (`!`), `<=>` the
 * order. One ruby process for all pairs.
 */
export function gemCompare(pairs: readonly Pair[]): (Verdict | '!')[] {
  const rb = `
File.foreach(ARGV[0], chomp: true) do |line|
  a, b = line.split("\\t", 2)
  if !Gem::Version.correct?(a) || !Gem::Version.correct?(b)
    puts "!"
  else
    c = Gem::Version.new(a) <=> Gem::Version.new(b)
    puts(c < 0 ? "<" : c > 0 ? ">" : "=")
  end
end
`;
  return withTemp((dir) => {
    const file = pairFile(dir, pairs);
    const out = execFileSync('ruby', ['-e', rb, file], BIG);
    return lines(out, pairs.length, 'ruby') as (Verdict | '!')[];
  });
}

export function rubygemsVersion(): string {
  return execFileSync('ruby', ['-e', 'print "ruby #{RUBY_VERSION}, rubygems #{Gem::VERSION}"'], BIG);
}

const COMPOSER_AUTOLOAD = '/usr/share/php/Composer/Semver/autoload.php';

/**
 * Composer's own composer/semver (Debian php-composer-semver): `VersionParser::normalize`,
 * then `Comparator` on the normalised strings, which is how `Semver::sort` orders
 * versions. `!` when normalize throws, and for named branches (`dev-main`), which
 * Composer accepts but never orders against numbered versions.
 */
export function composerCompare(pairs: readonly Pair[]): (Verdict | '!')[] {
  const php = `<?php
require '${COMPOSER_AUTOLOAD}';
use Composer\\Semver\\Comparator;
use Composer\\Semver\\VersionParser;
$parser = new VersionParser();
function norm($parser, $v) {
  try { $n = $parser->normalize($v); } catch (\\UnexpectedValueException $e) { return null; }
  return str_starts_with($n, 'dev-') ? null : $n;
}
$out = '';
foreach (file($argv[1], FILE_IGNORE_NEW_LINES) as $line) {
  [$a, $b] = explode("\\t", $line, 2);
  $x = norm($parser, $a);
  $y = norm($parser, $b);
  if ($x === null || $y === null) { $out .= "!\\n"; continue; }
  $lt = Comparator::lessThan($x, $y);
  $eq = Comparator::equalTo($x, $y);
  $gt = Comparator::greaterThan($x, $y);
  if ((int) $lt + (int) $eq + (int) $gt !== 1) { fwrite(STDERR, "inconsistent: $a $b\\n"); exit(1); }
  $out .= ($lt ? '<' : ($eq ? '=' : '>')) . "\\n";
}
echo $out;
`;
  return withTemp((dir) => {
    const file = pairFile(dir, pairs);
    writeFileSync(join(dir, 'cmp.php'), php);
    const out = execFileSync('php', [join(dir, 'cmp.php'), file], BIG);
    return lines(out, pairs.length, 'composer') as (Verdict | '!')[];
  });
}

/** The composer/semver and PHP versions, from Debian's package database. */
export function composerSemverVersion(): string {
  // dpkg-query's own format placeholder, not a template string.
  const format = ['$', '{Version}'].join('');
  const semver = execFileSync('dpkg-query', ['-W', '-f', format, 'php-composer-semver'], BIG).trim();
  const php = execFileSync('php', ['-r', 'echo PHP_VERSION;'], BIG);
  return `composer/semver ${semver} (Debian php-composer-semver), PHP ${php}`;
}

/**
 * base's `Data.Version` under Hugs (Debian `hugs`): `parseVersion` (a complete parse
 * without the deprecated tags, else `!`), then `compare`, which orders the version branch
 * as a list. One runhugs process for all pairs.
 */
export function dataVersionCompare(pairs: readonly Pair[]): (Verdict | '!')[] {
  const hs = `module Main where
import Data.Version
import System.Environment (getArgs)
import Text.ParserCombinators.ReadP (readP_to_S)

parse :: String -> Maybe Version
parse s = case [v | (v, "") <- readP_to_S parseVersion s] of
  (v : _) | null (versionTags v) -> Just v
  _ -> Nothing

answer :: String -> String
answer line = case break (== '\\t') line of
  (a, _ : b) -> case (parse a, parse b) of
    (Just x, Just y) -> case compare x y of { LT -> "<"; EQ -> "="; GT -> ">" }
    _ -> "!"
  _ -> "!"

main :: IO ()
main = do
  [file] <- getArgs
  text <- readFile file
  mapM_ (putStrLn . answer) (lines text)
`;
  return withTemp((dir) => {
    const file = pairFile(dir, pairs);
    const prog = join(dir, 'Compare.hs');
    writeFileSync(prog, hs);
    const out = execFileSync('runhugs', ['-98', prog, file], BIG);
    return lines(out, pairs.length, 'runhugs') as (Verdict | '!')[];
  });
}

/**
 * Elixir's own `Version` module (Debian `elixir`), which Hex uses to order package versions:
 * `Version.parse` decides validity (`!`), `Version.compare` the order. One process for all pairs.
 */
export function elixirVersionCompare(pairs: readonly Pair[]): (Verdict | '!')[] {
  const exs = `
[path] = System.argv()
path
|> File.stream!()
|> Enum.each(fn line ->
  [a, b] = line |> String.trim_trailing("\\n") |> String.split("\\t", parts: 2)
  case {Version.parse(a), Version.parse(b)} do
    {{:ok, va}, {:ok, vb}} ->
      IO.puts(case Version.compare(va, vb) do
        :lt -> "<"
        :gt -> ">"
        :eq -> "="
      end)
    _ -> IO.puts("!")
  end
end)
`;
  return withTemp((dir) => {
    const file = pairFile(dir, pairs);
    const out = execFileSync('elixir', ['-e', exs, file], BIG);
    return lines(out, pairs.length, 'elixir') as (Verdict | '!')[];
  });
}
