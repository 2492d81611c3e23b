#!/usr/bin/env bash
# Compile and lint infra/main.bicep offline with the Bicep compiler restored from NuGet
# (Azure.Bicep.CommandLine.linux-x64, version pinned in Directory.Packages.props).
# Any warning or error fails the build.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

restore_project="tools/bicep/Bicep.Restore.csproj"
dotnet restore "$restore_project" --verbosity quiet >/dev/null

version="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)"
if [[ -z "$version" ]]; then
  echo "bicep: cannot find the Azure.Bicep.CommandLine.linux-x64 version in Directory.Packages.props" >&2
  exit 1
fi
packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/${version}/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "bicep: compiler not found at $bicep after restore" >&2
  exit 1
fi
chmod +x "$bicep"

outdir="$(mktemp -d)"
trap 'rm -rf "$outdir"' EXIT

# Diagnostics look like: path(line,col) : Warning|Error CODE: message
diagnostics_pattern=': (Warning|Error) [A-Za-z0-9_-]+:|^Error|^Warning'
status=0

build_log="$outdir/build.log"
if ! "$bicep" build infra/main.bicep --outdir "$outdir" >"$build_log" 2>&1; then
  status=1
fi
lint_log="$outdir/lint.log"
if ! "$bicep" lint infra/main.bicep >"$lint_log" 2>&1; then
  status=1
fi

# Parameter file must be valid JSON (azd reads it); checked when python3 is available.
if command -v python3 >/dev/null && ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' infra/main.parameters.json 2>"$outdir/params.log"; then
  echo "bicep: infra/main.parameters.json is not valid JSON:" >&2
  cat "$outdir/params.log" >&2
  status=1
fi

diagnostics="$(cat "$build_log" "$lint_log" | grep -E "$diagnostics_pattern" | sort -u || true)"
warnings="$(grep -c ': Warning ' <<<"$diagnostics" || true)"
errors="$(grep -c -E ': Error |^Error' <<<"$diagnostics" || true)"

if [[ -n "$diagnostics" ]]; then
  echo "$diagnostics" >&2
  status=1
fi
if [[ $status -ne 0 ]]; then
  # Show anything unexpected the compiler printed, too.
  if [[ -z "$diagnostics" ]]; then cat "$build_log" "$lint_log" >&2; fi
  echo "bicep: infra/main.bicep FAILED, ${errors:-0} errors, ${warnings:-0} warnings" >&2
  exit 1
fi

echo "bicep: infra/main.bicep compiled, 0 warnings"
