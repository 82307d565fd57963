#!/usr/bin/env bash
# Package benchmarks (docs/benchmarks.md §5): desk list with 300 waiting among 20 000 at 50 connections (wrk, against
# the bare read), log → resident push, log → arrival email in the outbox; then the keyboard logging time in Chromium.
#   bench/packages/run.sh [pushes=200] [emails=30] [seconds=20] [keyboard packages=20]   (needs wrk, and Chromium at /usr/bin/chromium)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
mkdir -p bench/results
npm --prefix web run build >/dev/null
dotnet build -c Release -p:SkipWebBuild=true functions/LoftsDesArts.SelfHost/LoftsDesArts.SelfHost.csproj -v q -nologo
dotnet build -c Release bench/LoftsDesArts.Bench.Bare/LoftsDesArts.Bench.Bare.csproj -v q -nologo
dotnet build -c Release bench/LoftsDesArts.Bench.Packages/LoftsDesArts.Bench.Packages.csproj -v q -nologo
dotnet build -c Release bench/LoftsDesArts.Bench.PackageKeyboard/LoftsDesArts.Bench.PackageKeyboard.csproj -v q -nologo
out="bench/results/packages-$(date -u +%Y%m%dT%H%M%SZ).md"
bench/machine.sh | tee "$out"
dotnet bench/LoftsDesArts.Bench.Packages/bin/Release/net10.0/LoftsDesArts.Bench.Packages.dll \
  functions/LoftsDesArts.SelfHost/bin/Release/net10.0/LoftsDesArts.SelfHost.dll \
  bench/LoftsDesArts.Bench.Bare/bin/Release/net10.0/LoftsDesArts.Bench.Bare.dll \
  bench/http "${1:-200}" "${2:-30}" "${3:-20}" | tee -a "$out"
echo | tee -a "$out"
echo "### Logging one package by keyboard in Chromium" | tee -a "$out"
echo | tee -a "$out"
dotnet bench/LoftsDesArts.Bench.PackageKeyboard/bin/Release/net10.0/LoftsDesArts.Bench.PackageKeyboard.dll \
  functions/LoftsDesArts.SelfHost/bin/Release/net10.0/LoftsDesArts.SelfHost.dll web/dist "${4:-20}" | tee -a "$out"
echo "(saved to $out)"
