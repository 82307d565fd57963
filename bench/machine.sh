#!/usr/bin/env bash
# Prints the machine a benchmark ran on, for docs/benchmarks.md.
set -u
echo "date (UTC):   $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "CPU:          $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores visible)"
echo "memory:       $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
echo "OS:           $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
echo ".NET:         SDK $(dotnet --version), $(dotnet --list-runtimes | grep -m1 AspNetCore | cut -d' ' -f1-2)"
echo "Node:         $(node --version), npm $(npm --version)"
echo "wrk:          $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
