#!/bin/sh
# Rebuilds testdata/legacy/{go.mod,go.sum,go-list.txt}: a module whose `go` directive is 1.16,
# so `go mod tidy` lists only its direct requirement in go.mod and the transitive modules
# appear in go.sum alone. No network: the modules come from a throw-away file:// GOPROXY.
# example.com/web v1.0.0 requires example.com/codec v1.2.0 and example.com/log v0.3.0;
# example.com/codec v1.2.0 requires example.com/log v0.4.0 (so MVS selects log v0.4.0 and
# go.sum holds log v0.3.0/go.mod as well); example.com/unused is required by codec's go.mod
# only from a package the app never imports, so go.sum holds just its go.mod hash.
# Usage: sh build-legacy.sh   (from this directory; needs `go` and `zip`)
set -eu
out="$(cd "$(dirname "$0")" && pwd)/legacy"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$out"

# publish MODULE VERSION GO.MOD-REQUIRES FILE BODY...
publish() {
  mod="$1"; ver="$2"; reqs="$3"; shift 3
  src="$work/src/$mod@$ver"
  mkdir -p "$src" "$work/proxy/$mod/@v"
  printf 'module %s\n\ngo 1.16\n%s\n' "$mod" "$reqs" > "$src/go.mod"
  while [ $# -gt 0 ]; do mkdir -p "$(dirname "$src/$1")"; printf '%s\n' "$2" > "$src/$1"; shift 2; done
  (cd "$work/src" && zip -q -r "$work/proxy/$mod/@v/$ver.zip" "$mod@$ver")
  cp "$src/go.mod" "$work/proxy/$mod/@v/$ver.mod"
  printf '{"Version":"%s","Time":"2024-01-02T03:04:05Z"}\n' "$ver" > "$work/proxy/$mod/@v/$ver.info"
  echo "$ver" >> "$work/proxy/$mod/@v/list"
}

publish example.com/log v0.3.0 '' log.go 'package log
func Print(s string) { println(s) }'
publish example.com/log v0.4.0 '' log.go 'package log
func Print(s string) { println(">", s) }'
publish example.com/unused v1.0.0 '' unused.go 'package unused
func X() {}'
publish example.com/codec v1.2.0 'require (
	example.com/log v0.4.0
	example.com/unused v1.0.0
)' codec.go 'package codec
import "example.com/log"
func Encode(s string) string { log.Print(s); return s }' extra/extra.go 'package extra
import "example.com/unused"
func Y() { unused.X() }'
publish example.com/web v1.0.0 'require (
	example.com/codec v1.2.0
	example.com/log v0.3.0
)' web.go 'package web
import "example.com/codec"
func Serve() string { return codec.Encode("hi") }'

mkdir -p "$work/app"
printf 'module example.com/legacy\n\ngo 1.16\n\nrequire example.com/web v1.0.0\n' > "$work/app/go.mod"
printf 'package main\n\nimport "example.com/web"\n\nfunc main() { println(web.Serve()) }\n' > "$work/app/main.go"
cd "$work/app"
export GOPROXY="file://$work/proxy" GOSUMDB=off GOFLAGS=-mod=mod GOMODCACHE="$work/modcache" CGO_ENABLED=0 GOTOOLCHAIN=local
go mod tidy
cp go.mod go.sum "$out/"
# The truth: the modules of the build, as the go command selects them.
go list -m all > "$out/go-list.txt"
go version > "$out/go-version.txt"
