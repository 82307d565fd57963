#!/usr/bin/env bash
# Runs every test of the portal: the web app's lint and unit tests, then every .NET test project
# (unit, HTTP through both hosts, adapter contracts against SQLite, Azurite and cosmosdb-server,
# Bicep, and the end-to-end tests in Chromium). Emulators are started by the tests themselves.
# Prerequisites: .NET SDK 10, Node.js 20.19+, Chromium at /usr/bin/chromium (.ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")"

# Packages: installed from the lock files when missing (npm ci is what .ci/run does on a fresh machine).
[ -d web/node_modules ] || npm ci --prefix web --no-audit --no-fund
[ -d tests/tools/node_modules ] || npm ci --prefix tests/tools --no-audit --no-fund

echo "== web: lint, unit tests, build"
npm --prefix web run lint
npm --prefix web test
npm --prefix web run build

echo "== .NET: build and every test project"
dotnet build LoftsDesArts.sln -p:SkipWebBuild=true
dotnet test LoftsDesArts.sln --no-build
