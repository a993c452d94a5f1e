#!/usr/bin/env bash
# Builds a real rpm SQLite database with Debian's rpm/rpmbuild (4.18), for the
# rpm analyzer's tests. Usage: make-rpm-fixture.sh OUTDIR
#   OUTDIR/db/rpmdb.sqlite   the database (rpm --initdb + rpm -i --justdb)
#   OUTDIR/rpms/*.rpm        the packages it was filled from
# The committed src/core/analyzer/pkg/rpm/testdata/rpmdb.sqlite was made with:
#   make-rpm-fixture.sh /tmp/x && cp /tmp/x/db/rpmdb.sqlite src/core/analyzer/pkg/rpm/testdata/rpmdb.sqlite
set -euo pipefail
out=${1:?usage: make-rpm-fixture.sh OUTDIR}
command -v rpmbuild >/dev/null || { echo "rpmbuild missing: apt-get install -y rpm" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
top="$out/top"
mkdir -p "$top/SPECS" "$out/rpms" "$out/db"

# 1. An Epoch, a binary arch, a subpackage (so the source rpm name differs
#    from one binary's name) and files in a few directories.
cat >"$top/SPECS/hello.spec" <<'SPEC'
Name:    hello
Epoch:   2
Version: 1.4.2
Release: 3.el9
Summary: Greets
License: MIT
%description
Greets.
%package libs
Summary: Hello's library
License: MIT AND BSD-3-Clause
%description libs
Library.
%install
mkdir -p %{buildroot}/usr/bin %{buildroot}/usr/share/doc/hello %{buildroot}/usr/lib64/hello
printf '#!/bin/sh\necho hello\n' >%{buildroot}/usr/bin/hello
chmod 755 %{buildroot}/usr/bin/hello
echo readme >%{buildroot}/usr/share/doc/hello/README
echo data >%{buildroot}/usr/lib64/hello/libhello.dat
%files
/usr/bin/hello
%dir /usr/share/doc/hello
/usr/share/doc/hello/README
%files libs
/usr/lib64/hello/libhello.dat
SPEC

# 2. Tilde and caret in the version, noarch, an SPDX expression.
cat >"$top/SPECS/tilde.spec" <<'SPEC'
Name:      tilde-tool
Version:   2.0~rc1^git20240101.abc
Release:   1
Summary:   Pre-release
License:   GPL-2.0-or-later AND Apache-2.0
BuildArch: noarch
%description
Pre-release.
%install
mkdir -p %{buildroot}/usr/share/tilde-tool
echo x >%{buildroot}/usr/share/tilde-tool/a.txt
echo y >%{buildroot}/usr/share/tilde-tool/b.txt
%files
/usr/share/tilde-tool/a.txt
/usr/share/tilde-tool/b.txt
SPEC

# 3. A package that owns no file at all.
cat >"$top/SPECS/empty.spec" <<'SPEC'
Name:    empty-meta
Version: 0.5
Release: 7
Summary: Owns nothing
License: BSD
%description
Owns nothing.
%files
SPEC

for spec in "$top"/SPECS/*.spec; do
  rpmbuild -bb --quiet --define "_topdir $top" --define "_rpmdir $out/rpms" \
    --define '_build_id_links none' --define 'debug_package %{nil}' "$spec" >/dev/null
done
rm -f "$out/db/rpmdb.sqlite"
rpm --initdb --dbpath "$out/db"
rpm -i --justdb --nodeps --noscripts --dbpath "$out/db" "$out"/rpms/*/*.rpm 2>/dev/null
# An imported signing key becomes a gpg-pubkey pseudo-package the analyzer must skip.
# The key (made once with `gpg --quick-gen-key 'Bulwark Test <test@example.invalid>' ed25519`)
# is committed beside the fixture so no gpg is needed here.
rpm --import --dbpath "$out/db" "$(dirname "$0")/../src/core/analyzer/pkg/rpm/testdata/test-signing-key.asc"
# rpm checkpoints its WAL on close; keep the single file an image layer holds.
if [ -s "$out/db/rpmdb.sqlite-wal" ]; then echo "rpmdb WAL not checkpointed" >&2; exit 1; fi
rm -f "$out/db/rpmdb.sqlite-wal" "$out/db/rpmdb.sqlite-shm" "$out/db/.rpm.lock"
