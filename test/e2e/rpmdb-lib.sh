# Sourced by the e2e images' make-*-rpmdb.sh: builds an rpm database with Debian's
# rpm/rpmbuild from one-line package descriptions, empty payloads. Debian's rpm 4.18
# writes SQLite (the distributions imitated used Berkeley DB; the headers the analyzer
# reads are the same). A subpackage is built from its source's spec, so its SOURCERPM
# names the source (openssl-libs of openssl).
#   rpmdb_begin OUTDIR
#   rpmdb_spec NAME EPOCH(- for none) VERSION RELEASE LICENSE WITH_MAIN(0/1) [SUBPACKAGE [SUBARCH]]
#   rpmdb_finish        →  OUTDIR/db/rpmdb.sqlite

rpmdb_begin() {
  command -v rpmbuild >/dev/null || { echo "rpmbuild missing: apt-get install -y rpm" >&2; exit 1; }
  mkdir -p "$1"
  rpmdb_out=$(cd "$1" && pwd)
  rpmdb_top="$rpmdb_out/top"
  mkdir -p "$rpmdb_top/SPECS" "$rpmdb_out/rpms" "$rpmdb_out/db"
}

rpmdb_spec() {
  local name=$1 epoch=$2 version=$3 release=$4 license=$5 with_main=$6 sub=${7:-} subarch=${8:-}
  {
    printf 'Name: %s\n' "$name"
    if [ "$epoch" != "-" ]; then printf 'Epoch: %s\n' "$epoch"; fi
    printf 'Version: %s\nRelease: %s\nSummary: %s\nLicense: %s\n' "$version" "$release" "$name" "$license"
    printf '%%description\n%s\n' "$name"
    if [ -n "$sub" ]; then
      printf '%%package -n %s\nSummary: %s\n' "$sub" "$sub"
      if [ -n "$subarch" ]; then printf 'BuildArch: %s\n' "$subarch"; fi
      printf '%%description -n %s\n%s\n%%files -n %s\n' "$sub" "$sub" "$sub"
    fi
    if [ "$with_main" = 1 ]; then printf '%%files\n'; fi
  } >"$rpmdb_top/SPECS/$name.spec"
}

rpmdb_finish() {
  local s
  for s in "$rpmdb_top"/SPECS/*.spec; do
    rpmbuild -bb --quiet --define "_topdir $rpmdb_top" --define "_rpmdir $rpmdb_out/rpms" \
      --define '_build_id_links none' --define 'debug_package %{nil}' "$s" >/dev/null
  done
  rm -f "$rpmdb_out/db/rpmdb.sqlite"
  rpm --initdb --dbpath "$rpmdb_out/db"
  rpm -i --justdb --nodeps --noscripts --ignorearch --dbpath "$rpmdb_out/db" "$rpmdb_out"/rpms/*/*.rpm 2>/dev/null
  if [ -s "$rpmdb_out/db/rpmdb.sqlite-wal" ]; then echo "rpmdb WAL not checkpointed" >&2; exit 1; fi
  rm -f "$rpmdb_out/db/rpmdb.sqlite-wal" "$rpmdb_out/db/rpmdb.sqlite-shm" "$rpmdb_out/db/.rpm.lock"
}
