#!/usr/bin/env bash
# Builds an Amazon Linux 2-like rpm database: packages under Amazon Linux 2 names, epochs
# and `.amzn2` releases, built as subpackages of their source (libcurl of curl,
# openssl-libs of openssl), empty payloads.
# Usage: make-al2-rpmdb.sh OUTDIR  →  OUTDIR/db/rpmdb.sqlite
set -euo pipefail
out=${1:?usage: make-al2-rpmdb.sh OUTDIR}
source "$(dirname "$0")/../rpmdb-lib.sh"
rpmdb_begin "$out"
rpmdb_spec curl - 7.88.1 1.amzn2.0.1 MIT 1 libcurl
rpmdb_spec openssl 1 1.0.2k 24.amzn2.0.6 MIT 0 openssl-libs
rpmdb_spec bash - 4.2.46 34.amzn2 MIT 1
rpmdb_spec system-release 1 2 15.amzn2 MIT 1
rpmdb_finish
