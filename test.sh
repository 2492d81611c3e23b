#!/usr/bin/env bash
# The README's test command: builds everything that builds on this machine, starts the local stand-ins for real services
# (maildev, the Cosmos-compatible server) on 127.0.0.1, runs every test suite, validates and scenario-tests the journeys,
# compiles the Bicep, then stops the services by PID. Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# functions/ without the packages this feed does not serve (ACS email, Notification Hubs, the Durable Task Scheduler backend)
# and without the host-side extension project: see functions/Engagement.Functions.csproj.
export EngagementUnservedAzure=false
# shellcheck source=scripts/services.sh
source scripts/services.sh

results=$(mktemp -d)
passed=0; failed=0; status=0

step() { echo; echo "== $*"; }

step "build (Release)"
dotnet build Engagement.Tests.slnf -c Release -v quiet -nologo

step "services"
services_start

step "unit and integration tests"
set +e
dotnet test Engagement.Tests.slnf -c Release --no-build --nologo \
  --logger "console;verbosity=normal" --results-directory "$results" 2>&1 | tee "$results/dotnet-test.log" \
  | grep -E '^\s*(Failed [A-Za-z]|Skipped [A-Za-z]|Error Message|Total tests|Passed:|Failed:)' 
test_rc=${PIPESTATUS[0]}
set -e
read -r p f < <(awk '/^ +Passed: +[0-9]+$/ {p+=$2} /^ +Failed: +[0-9]+$/ {f+=$2} END {print p+0, f+0}' "$results/dotnet-test.log")
passed=$((passed + p)); failed=$((failed + f))
[ "$test_rc" -eq 0 ] || status=1

step "journeys: engage validate and engage test"
{
  engage() { dotnet src/Engagement.Cli/bin/Release/net10.0/engage.dll "$@"; }
  if engage validate journeys; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
  set +e
  engage test journeys/tests | tee "$results/scenarios.log"
  scen_rc=${PIPESTATUS[0]}
  set -e
  read -r p f < <(grep -E '^scenarios: [0-9]+ passed, [0-9]+ failed' "$results/scenarios.log" | sed -E 's/scenarios: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' || echo "0 1")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
  [ "$scen_rc" -eq 0 ] || status=1
}

step "embedded host: crash test (engage serve killed 10 times, every message exactly once)"
if bash scripts/crash-test.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

step "new user: pack and install the tool, engage init in an empty folder, then validate, simulate and test"
if bash scripts/new-user-test.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

step "integrations: the real Segment and CloudEvents npm clients against engage serve"
{
  set +e
  bash scripts/integrations-test.sh | tee "$results/integrations.log"
  int_rc=${PIPESTATUS[0]}
  set -e
  read -r p f < <(grep -E '^integrations: [0-9]+ passed, [0-9]+ failed' "$results/integrations.log" | sed -E 's/integrations: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' || echo "0 1")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1}))
  [ "$int_rc" -eq 0 ] || status=1
}

step "infra: Bicep compiles with no warnings"
if bash infra/build.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

services_stop
echo
echo "$passed passed, $failed failed"
exit $status
