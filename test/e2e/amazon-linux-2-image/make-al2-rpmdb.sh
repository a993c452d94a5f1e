#!/usr/bin/env bash
# Builds an Amazon Linux 2-like rpm database with Debian's rpm/rpmbuild: packages under
# Amazon Linux 2 names, epochs and `.amzn2` releases, built as subpackages of their
# source (libcurl of curl, openssl-libs of openssl), empty payloads.
# Usage: make-al2-rpmdb.sh OUTDIR  →  OUTDIR/db/rpmdb.sqlite
# Debian's rpm 4.18 writes SQLite (Amazon Linux 2 itself uses Berkeley DB; the headers
# the analyzer reads are the same).
set -euo pipefail
out=${1:?usage: make-al2-rpmdb.sh OUTDIR}
command -v rpmbuild >/dev/null || { echo "rpmbuild missing: apt-get install -y rpm" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
top="$out/top"
mkdir -p "$top/SPECS" "$out/rpms" "$out/db"

# write_spec NAME EPOCH(- for none) VERSION RELEASE WITH_MAIN(0/1) [SUBPACKAGE]
write_spec() {
  local name=$1 epoch=$2 version=$3 release=$4 with_main=$5 sub=${6:-}
  {
    printf 'Name: %s\n' "$name"
    if [ "$epoch" != "-" ]; then printf 'Epoch: %s\n' "$epoch"; fi
    printf 'Version: %s\nRelease: %s\nSummary: %s\nLicense: MIT\n' "$version" "$release" "$name"
    printf '%%description\n%s\n' "$name"
    if [ -n "$sub" ]; then
      printf '%%package -n %s\nSummary: %s\n%%description -n %s\n%s\n%%files -n %s\n' \
        "$sub" "$sub" "$sub" "$sub" "$sub"
    fi
    if [ "$with_main" = 1 ]; then printf '%%files\n'; fi
  } >"$top/SPECS/$name.spec"
}

write_spec curl - 7.88.1 1.amzn2.0.1 1 libcurl
write_spec openssl 1 1.0.2k 24.amzn2.0.6 0 openssl-libs
write_spec bash - 4.2.46 34.amzn2 1
write_spec system-release 1 2 15.amzn2 1

for s in "$top"/SPECS/*.spec; do
  rpmbuild -bb --quiet --define "_topdir $top" --define "_rpmdir $out/rpms" \
    --define '_build_id_links none' --define 'debug_package %{nil}' "$s" >/dev/null
done
rm -f "$out/db/rpmdb.sqlite"
rpm --initdb --dbpath "$out/db"
rpm -i --justdb --nodeps --noscripts --ignorearch --dbpath "$out/db" "$out"/rpms/*/*.rpm 2>/dev/null
if [ -s "$out/db/rpmdb.sqlite-wal" ]; then echo "rpmdb WAL not checkpointed" >&2; exit 1; fi
rm -f "$out/db/rpmdb.sqlite-wal" "$out/db/rpmdb.sqlite-shm" "$out/db/.rpm.lock"
