#!/usr/bin/env bash
# Builds a CentOS 7-like rpm database: packages under real CentOS 7.7.1908 names, epochs,
# versions, releases and source rpms (as `rpm -qa --qf '%{NAME} %{EPOCH}
# %{VERSION}-%{RELEASE} %{SOURCERPM}'` prints them on centos:7.7.1908), empty payloads.
# Subpackages (bind-license, openssl-libs) are built as subpackages of their source.
# Usage: make-centos7-rpmdb.sh OUTDIR  →  OUTDIR/db/rpmdb.sqlite
set -euo pipefail
out=${1:?usage: make-centos7-rpmdb.sh OUTDIR}
source "$(dirname "$0")/../rpmdb-lib.sh"
rpmdb_begin "$out"
rpmdb_spec bash - 4.2.46 33.el7 GPLv3+ 1
rpmdb_spec bind 32 9.11.4 9.P2.el7 ISC 0 bind-license noarch
rpmdb_spec openssl 1 1.0.2k 19.el7 OpenSSL 0 openssl-libs
rpmdb_spec centos-release - 7 7.1908.0.el7.centos GPLv2 1
rpmdb_spec zlib - 1.2.7 18.el7 zlib 1
rpmdb_finish
