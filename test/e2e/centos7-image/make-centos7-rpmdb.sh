#!/usr/bin/env bash
# Builds a CentOS 7-like rpm database with Debian's rpm/rpmbuild: packages under real
# CentOS 7.7.1908 names, epochs, versions, releases and source rpms (as `rpm -qa
# --qf '%{NAME} %{EPOCH} %{VERSION}-%{RELEASE} %{SOURCERPM}'` prints them on
# centos:7.7.1908), empty payloads. The source rpm name comes from the spec's Name, so
# subpackages (bind-license, openssl-libs) are built as subpackages of their source.
# Usage: make-centos7-rpmdb.sh OUTDIR  →  OUTDIR/db/rpmdb.sqlite
# Debian's rpm 4.18 writes SQLite (CentOS 7 itself used Berkeley DB; the headers are the same).
set -euo pipefail
out=${1:?usage: make-centos7-rpmdb.sh OUTDIR}
command -v rpmbuild >/dev/null || { echo "rpmbuild missing: apt-get install -y rpm" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
top="$out/top"
mkdir -p "$top/SPECS" "$out/rpms" "$out/db"

# spec NAME EPOCH VERSION RELEASE LICENSE MAIN(0/1) SUBPACKAGE [SUBARCH]
spec() {
  local name=$1 epoch=$2 version=$3 release=$4 license=$5 main=$6 sub=$7 subarch=${8:-}
  {
    echo "Name: $name"
    [ "$epoch" = "-" ] || echo "Epoch: $epoch"
    echo "Version: $version"
    echo "Release: $release"
    echo "Summary: $name"
    echo "License: $license"
    echo "%description"
    echo "$name"
    if [ -n "$sub" ]; then
      echo "%package $sub"
      echo "Summary: $name-$sub"
      [ -z "$subarch" ] || echo "BuildArch: $subarch"
      echo "%description $sub"
      echo "$name-$sub"
      echo "%files $sub"
    fi
    if [ "$main" = 1 ]; then echo "%files"; fi
  } >"$top/SPECS/$name.spec"
}

spec bash - 4.2.46 33.el7 GPLv3+ 1 ''
spec bind 32 9.11.4 9.P2.el7 ISC 0 license noarch
spec openssl 1 1.0.2k 19.el7 OpenSSL 0 libs
spec centos-release - 7 7.1908.0.el7.centos GPLv2 1 ''
spec zlib - 1.2.7 18.el7 zlib 1 ''

for s in "$top"/SPECS/*.spec; do
  rpmbuild -bb --quiet --define "_topdir $top" --define "_rpmdir $out/rpms" \
    --define '_build_id_links none' --define 'debug_package %{nil}' \
    --define 'dist .el7' "$s" >/dev/null
done
rm -f "$out/db/rpmdb.sqlite"
rpm --initdb --dbpath "$out/db"
rpm -i --justdb --nodeps --noscripts --ignorearch --dbpath "$out/db" "$out"/rpms/*/*.rpm 2>/dev/null
if [ -s "$out/db/rpmdb.sqlite-wal" ]; then echo "rpmdb WAL not checkpointed" >&2; exit 1; fi
rm -f "$out/db/rpmdb.sqlite-wal" "$out/db/rpmdb.sqlite-shm" "$out/db/.rpm.lock"
