#!/usr/bin/env bash
# The whole test suite, as CI runs it: dependencies, real components, lint,
# types, build, then every test. Usage: npm test  (or bash scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "dependencies"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # npm install, not npm ci: this npm writes lockfiles without other platforms' optional
  # packages (biome's binaries), which npm ci then rejects as out of sync.
  npm install --no-audit --no-fund
fi

step "components (dockerd, registry, mmdebstrap, …)"
bash scripts/provision.sh

step "lint and format"
npx biome check .

step "types"
npx tsc -p tsconfig.json --noEmit
npx tsc -p web/tsconfig.json

step "build"
npm run --silent build

step "tests"
node scripts/run-tests.mjs "$@"
