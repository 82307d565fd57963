#!/usr/bin/env bash
# Authenticated reads at 200 connections with wrk (docs/benchmarks.md). One command: builds web/dist and the
# self-host in Release once, starts it with --demo on a fresh data folder, signs in the front desk, and runs
# wrk against GET /api/me, GET /api/buildings/{id}/units and the bare reference, round-robin.
#   bench/http/run.sh [rounds=2] [seconds=20] [warm-up seconds=5]      (needs wrk: apt-get install wrk)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
mkdir -p bench/results
npm --prefix web run build >/dev/null
dotnet build -c Release -p:SkipWebBuild=true functions/LoftsDesArts.SelfHost/LoftsDesArts.SelfHost.csproj -v q -nologo
dotnet build -c Release bench/LoftsDesArts.Bench.Bare/LoftsDesArts.Bench.Bare.csproj -v q -nologo
dotnet build -c Release bench/LoftsDesArts.Bench.Http/LoftsDesArts.Bench.Http.csproj -v q -nologo
out="bench/results/http-$(date -u +%Y%m%dT%H%M%SZ).md"
bench/machine.sh | tee "$out"
dotnet bench/LoftsDesArts.Bench.Http/bin/Release/net10.0/LoftsDesArts.Bench.Http.dll \
  functions/LoftsDesArts.SelfHost/bin/Release/net10.0/LoftsDesArts.SelfHost.dll \
  bench/LoftsDesArts.Bench.Bare/bin/Release/net10.0/LoftsDesArts.Bench.Bare.dll \
  bench/http "${1:-2}" "${2:-20}" "${3:-5}" | tee -a "$out"
echo "(saved to $out)"
