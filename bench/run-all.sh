#!/usr/bin/env bash
# Every benchmark of docs/benchmarks.md, one after the other; each saves its table under bench/results/.
# Takes about 12 minutes on a quiet 2-core machine. Needs wrk (apt-get install wrk). Never fails on time.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)"
"$dir/web-bundle/run.sh"
"$dir/startup/run.sh"
"$dir/http/run.sh"
"$dir/pump/run.sh"
"$dir/packages/run.sh"
