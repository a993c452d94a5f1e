#!/usr/bin/env bash
# Regenerates src/core/analyzer/lang/npm/testdata/real/ with the REAL npm client:
# a small express@4 tree plus one scoped dev dependency, the lockfile written in all
# three lockfile versions, every node_modules package.json (paths preserved) and
# `npm query '*'` as the independent truth (name, version, dev, location per node).
# Needs network access to the npm registry; run by hand, commit the outputs.
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/src/core/analyzer/lang/npm/testdata/real"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
cat > package.json <<'JSON'
{ "name": "fixture-app", "version": "1.0.0", "private": true }
JSON
npm install --no-audit --no-fund --save express@4
npm install --no-audit --no-fund --save-dev @types/ms
rm -rf "$out" && mkdir -p "$out/lock-v1" "$out/lock-v2" "$out/lock-v3"
cp package.json "$out/"
cp package-lock.json "$out/lock-v3/package-lock.json"
npm query '*' | node -e '
  const nodes = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const rows = nodes.map((n) => ({ name: n.name, version: n.version, dev: n.dev === true, location: n.location }));
  rows.sort((a, b) => a.location.localeCompare(b.location));
  process.stdout.write(JSON.stringify(rows, null, 1) + "\n");
' > "$out/npm-query.json"
# Only package.json files, paths preserved (nested test fixtures too, if any).
find node_modules -name package.json -type f | while read -r f; do
  mkdir -p "$out/$(dirname "$f")" && cp "$f" "$out/$f"
done
for v in 1 2; do
  rm package-lock.json
  npm install --no-audit --no-fund --package-lock-only --lockfile-version "$v"
  cp package-lock.json "$out/lock-v$v/package-lock.json"
done
npm --version > "$out/npm-version.txt"
node --version >> "$out/npm-version.txt"
echo "wrote $out"
