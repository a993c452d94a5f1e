#!/bin/sh
# Rebuilds testdata/Acme.Widgets.dll: a real .NET class library compiled by Debian's Mono C#
# compiler (mono-mcs), whose assembly attributes become the Win32 version resource that
# Windows and the lang/dotnet analyzer read (ProductVersion from AssemblyInformationalVersion,
# FileVersion from AssemblyFileVersion). Usage: sh build-assembly.sh (from this directory).
set -eu
out="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Widgets.cs" <<'CS'
using System.Reflection;
[assembly: AssemblyTitle("Acme.Widgets")]
[assembly: AssemblyProduct("Acme.Widgets")]
[assembly: AssemblyVersion("4.0.0.0")]
[assembly: AssemblyFileVersion("4.2.1.17")]
[assembly: AssemblyInformationalVersion("4.2.1+9f1c2ab")]
namespace Acme.Widgets { public static class Widget { public static string Name() { return "widget"; } } }
CS
mcs -target:library -out:"$out/Acme.Widgets.dll" "$work/Widgets.cs"
mcs --version > "$out/mcs-version.txt"
