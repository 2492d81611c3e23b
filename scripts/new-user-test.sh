#!/usr/bin/env bash
# The first hour of a new user, from the packed tool only: packs src/Engagement.Cli as a .NET tool, installs it into a
# temporary tool path (from that local package folder only, no other feed), runs `engage init` in an empty folder, then
# `engage validate`, `engage simulate` and `engage test` there with no flags, a larger generated member base simulated in
# partitions, and a usage mistake (exit 2, one line, no
# stack trace). Nothing of the repository is visible to the installed tool.
# Runnable alone: scripts/new-user-test.sh   (env: KEEP=1 keeps the work directory)
# Ends with "new-user test: passed" (exit 0) or "new-user test: FAILED ..." (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d "${TMPDIR:-/tmp}/engage-new-user.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
fail() { echo "new-user test: FAILED: $*"; exit 1; }

version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' src/Engagement.Cli/Engagement.Cli.csproj)
build=()
[ -f src/Engagement.Cli/bin/Release/net10.0/engage.dll ] && build=(--no-build)
dotnet pack src/Engagement.Cli -c Release "${build[@]}" -o "$work/feed" -v quiet -nologo >/dev/null || fail "dotnet pack"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="local" value="$work/feed" /></packageSources></configuration>
XML
dotnet tool install Engagement.Cli --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >/dev/null || fail "dotnet tool install"
engage="$work/tools/engage"

mkdir "$work/shop" && cd "$work/shop"
"$engage" init > "$work/init.log" || fail "engage init"
for f in engage.json engage.schema.json .vscode/settings.json .gitignore README.md journeys/welcome.json journeys/policies.json \
         journeys/calendars/cn.json journeys/journey.schema.json journeys/templates/welcome.sms.zh-CN.liquid samples/events.jsonl engage.key; do
  [ -s "$f" ] || fail "engage init did not write $f"
done
"$engage" validate 2> "$work/validate.log" || fail "engage validate: $(cat "$work/validate.log")"
grep -q "ok: 10 journeys valid" "$work/validate.log" || fail "engage validate: $(cat "$work/validate.log")"
"$engage" simulate --out out/timeline.jsonl > "$work/simulate.log" 2>&1 || fail "engage simulate: $(tail -5 "$work/simulate.log")"
grep -q "messages" "$work/simulate.log" && [ -s out/timeline.jsonl ] || fail "engage simulate wrote no timeline"
# The README's larger member base: generated samples, simulated in partitions (auto), the timeline gzip-compressed.
"$engage" samples --customers 5000 --out big > "$work/samples.log" 2>&1 || fail "engage samples: $(tail -5 "$work/samples.log")"
"$engage" simulate --profiles big/profiles.jsonl --events big/events.jsonl --out out/big.jsonl.gz > "$work/big.log" 2>&1 \
  || fail "engage simulate (5,000 customers): $(tail -5 "$work/big.log")"
grep -q "; 5 partitions" "$work/big.log" || fail "engage simulate (5,000 customers) did not run in 5 partitions: $(tail -3 "$work/big.log")"
[ "$(gzip -dc out/big.jsonl.gz | head -1 | cut -c1-6)" = '{"at":' ] || fail "out/big.jsonl.gz is not a gzip-compressed timeline"
"$engage" test > "$work/test.log" 2>&1 || fail "engage test: $(grep -v '  ok' "$work/test.log" | head -20)"
grep -qE '^scenarios: [1-9][0-9]* passed, 0 failed' "$work/test.log" || fail "engage test: $(tail -3 "$work/test.log")"

# A mistake: exit 2, one line, no stack frame.
set +e
"$engage" simulate --events nowhere.jsonl > "$work/mistake.log" 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "a missing --events file exited $rc, expected 2"
[ "$(wc -l < "$work/mistake.log")" -eq 1 ] || fail "a missing --events file printed more than one line: $(cat "$work/mistake.log")"
! grep -qE '^\s+at [A-Za-z_.`<>]+\(' "$work/mistake.log" || fail "a stack trace: $(cat "$work/mistake.log")"
"$engage" init > /dev/null 2>&1 && fail "engage init over an existing project overwrote it"
key_before=$(sha256sum engage.key)
"$engage" init --force > /dev/null || fail "engage init --force"
[ "$(sha256sum engage.key)" = "$key_before" ] || fail "engage init --force replaced the key file"
echo "new-user test: passed ($(grep -oE '[0-9]+ passed' "$work/test.log" | head -1) scenarios, installed $version from a local package)"
