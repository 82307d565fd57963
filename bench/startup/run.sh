#!/usr/bin/env bash
# Self-host start to ready (docs/benchmarks.md). One command: builds web/dist and the self-host in Release
# once, then times N starts of each case against the bare ASP.NET Core app.
#   bench/startup/run.sh [runs=15] [demo runs=5]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
mkdir -p bench/results
npm --prefix web run build >/dev/null
dotnet build -c Release -p:SkipWebBuild=true functions/LoftsDesArts.SelfHost/LoftsDesArts.SelfHost.csproj -v q -nologo
dotnet build -c Release bench/LoftsDesArts.Bench.Bare/LoftsDesArts.Bench.Bare.csproj -v q -nologo
dotnet build -c Release bench/LoftsDesArts.Bench.Startup/LoftsDesArts.Bench.Startup.csproj -v q -nologo
out="bench/results/startup-$(date -u +%Y%m%dT%H%M%SZ).md"
bench/machine.sh | tee "$out"
dotnet bench/LoftsDesArts.Bench.Startup/bin/Release/net10.0/LoftsDesArts.Bench.Startup.dll \
  functions/LoftsDesArts.SelfHost/bin/Release/net10.0/LoftsDesArts.SelfHost.dll \
  bench/LoftsDesArts.Bench.Bare/bin/Release/net10.0/LoftsDesArts.Bench.Bare.dll \
  "${1:-15}" "${2:-5}" | tee -a "$out"
echo "(saved to $out)"
