#!/bin/sh
# Rebuilds testdata/hello (a stripped Go binary with module dependencies) without network:
# the dependencies are served from a throw-away file:// GOPROXY made here.
# Usage: sh build-hello.sh   (from this directory; needs `go` and `zip`)
set -eu
out="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# publish MODULE VERSION PACKAGE-NAME BODY: one module with one package into the file proxy.
publish() {
  mod="$1"; ver="$2"; pkg="$3"; body="$4"
  src="$work/src/$mod@$ver"
  mkdir -p "$src" "$work/proxy/$mod/@v"
  printf 'module %s\n\ngo 1.18\n' "$mod" > "$src/go.mod"
  printf 'package %s\n\n%s\n' "$pkg" "$body" > "$src/$pkg.go"
  (cd "$work/src" && zip -q -r "$work/proxy/$mod/@v/$ver.zip" "$mod@$ver")
  cp "$src/go.mod" "$work/proxy/$mod/@v/$ver.mod"
  printf '{"Version":"%s","Time":"2024-01-02T03:04:05Z"}\n' "$ver" > "$work/proxy/$mod/@v/$ver.info"
  echo "$ver" >> "$work/proxy/$mod/@v/list"
}

publish example.com/greet v1.2.3 greet 'func Hello() string { return "hello" }'
publish example.com/oldlib v1.0.0 oldlib 'func Name() string { return "old" }'
publish example.com/newlib v1.1.0 oldlib 'func Name() string { return "new" }'

mkdir -p "$work/app/local"
printf 'module example.com/local\n\ngo 1.18\n' > "$work/app/local/go.mod"
printf 'package local\n\nfunc Where() string { return "here" }\n' > "$work/app/local/local.go"
cat > "$work/app/go.mod" <<'MOD'
module example.com/hello

go 1.18

require (
	example.com/greet v1.2.3
	example.com/local v0.0.0
	example.com/oldlib v1.0.0
)

replace example.com/oldlib => example.com/newlib v1.1.0

replace example.com/local => ./local
MOD
cat > "$work/app/main.go" <<'MAIN'
package main

import (
	"example.com/greet"
	"example.com/local"
	"example.com/oldlib"
)

func main() { println(greet.Hello(), local.Where(), oldlib.Name()) }
MAIN

cd "$work/app"
export GOPROXY="file://$work/proxy" GOSUMDB=off GOFLAGS=-mod=mod GOMODCACHE="$work/modcache" CGO_ENABLED=0
go mod tidy
go build -trimpath -ldflags='-s -w' -o "$out/hello" .
cp go.mod "$out/hello.go.mod"
go version -m "$out/hello"
chmod -R u+w "$work/modcache"
