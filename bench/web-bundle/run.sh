#!/usr/bin/env bash
# JavaScript before the sign-in page is interactive, gzipped (bench/web-bundle/measure.mjs builds web/ first).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
mkdir -p bench/results
[ -d web/node_modules ] || npm --prefix web ci --prefer-offline --no-audit --no-fund
out="bench/results/web-bundle-$(date -u +%Y%m%dT%H%M%SZ).md"
bench/machine.sh | tee "$out"
node bench/web-bundle/measure.mjs "$@" | tee -a "$out"
echo "(saved to $out)"
