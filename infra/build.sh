#!/usr/bin/env bash
# Compile and lint the Bicep templates offline.
#
# azd and `az bicep install` need the network; the Bicep CLI is fetched instead from the NuGet
# package Azure.Bicep.CommandLine.linux-x64 (notes/environment-probes.md §8) through a throwaway
# restore, and cached under .tools/bicep/ (gitignored). Nothing but the NuGet registry is reached.
#
#   infra/build.sh            build infra/main.bicep to .tools/bicep/out/main.json, then lint it
#   infra/build.sh --path     print the path of the cached bicep binary (fetching it if needed)
#
# Lint rules are raised to error in infra/bicepconfig.json; on top of that, any warning the
# compiler or the linter prints fails this script, so the templates stay clean.
set -euo pipefail

BICEP_VERSION="0.49.2"
PACKAGE_ID="azure.bicep.commandline.linux-x64"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${BICEP_TOOLS_DIR:-$repo_root/.tools/bicep}"
packages_dir="$tools_dir/packages"
bicep="$packages_dir/$PACKAGE_ID/$BICEP_VERSION/tools/bicep"

fetch_bicep() {
  if [[ -x "$bicep" ]]; then
    return
  fi
  local restore_dir="$tools_dir/restore"
  mkdir -p "$restore_dir"
  # Empty Directory.*.props stop MSBuild from importing the repository's (analyzers, central
  # package management) into this throwaway project.
  printf '<Project />\n' >"$restore_dir/Directory.Build.props"
  printf '<Project />\n' >"$restore_dir/Directory.Build.targets"
  printf '<Project />\n' >"$restore_dir/Directory.Packages.props"
  cat >"$restore_dir/bicep-restore.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$BICEP_VERSION]" /></ItemGroup>
</Project>
PROJ
  echo "Fetching Bicep CLI $BICEP_VERSION from NuGet into $packages_dir" >&2
  dotnet restore "$restore_dir/bicep-restore.csproj" --packages "$packages_dir" --nologo -v quiet >&2
  chmod +x "$bicep"
}

fetch_bicep

if [[ "${1:-}" == "--path" ]]; then
  echo "$bicep"
  exit 0
fi

out_dir="$tools_dir/out"
mkdir -p "$out_dir"
log="$out_dir/build.log"

run_checked() {
  # Runs a bicep command; fails on a non-zero exit code or on any warning or error it prints.
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "FAILED: $*" >&2
    exit 1
  fi
  if grep -Eq '(Warning|Error) [A-Za-z0-9-]+:' "$log"; then
    cat "$log" >&2
    echo "FAILED (diagnostics): $*" >&2
    exit 1
  fi
  cat "$log"
}

cd "$repo_root"
"$bicep" --version
run_checked "$bicep" build infra/main.bicep --outfile "$out_dir/main.json"
run_checked "$bicep" lint infra/main.bicep
echo "Bicep build and lint passed: $out_dir/main.json"
