#!/usr/bin/env bash
# Self-host pump wake-up latency (bench/LoftsDesArts.Bench.PumpLatency/README.md).
#   bench/pump/run.sh [events=1000]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
mkdir -p bench/results
dotnet build -c Release bench/LoftsDesArts.Bench.PumpLatency/LoftsDesArts.Bench.PumpLatency.csproj -v q -nologo
out="bench/results/pump-$(date -u +%Y%m%dT%H%M%SZ).md"
bench/machine.sh | tee "$out"
dotnet bench/LoftsDesArts.Bench.PumpLatency/bin/Release/net10.0/LoftsDesArts.Bench.PumpLatency.dll "${1:-1000}" | tee -a "$out"
echo "(saved to $out)"
