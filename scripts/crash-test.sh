#!/usr/bin/env bash
# Crash test of `engage serve` (the acceptance test of the embedded host): feeds EVENTS generated events in virtual time,
# kills the real process with SIGKILL at KILLS random (seeded) moments, restarts it each time re-feeding the whole file
# (duplicates must be harmless), lets the last run finish, then checks that
#   outbox rows == distinct ledger keys in the outbox == ledger entries sent == `engage simulate`'s message count
#   for the same input and the same --until, every outbox row delivered, and no event lost
#   (input events processed + rejected lines + in-file duplicate lines == input lines).
# Runnable alone: scripts/crash-test.sh   (env: SEED, KILLS, EVENTS, CUSTOMERS, KEEP=1 keeps the work directory)
# Ends with "crash test: passed" (exit 0) or "crash test: FAILED ..." (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-20261202}
KILLS=${KILLS:-10}
EVENTS=${EVENTS:-20000}
CUSTOMERS=${CUSTOMERS:-2800}
DLL=src/Engagement.Cli/bin/Release/net10.0/engage.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -f "$DLL" ]; then
  dotnet build src/Engagement.Cli -c Release -v quiet -nologo
fi
engage() { dotnet "$DLL" "$@"; }
work=$(mktemp -d "${TMPDIR:-/tmp}/engage-crash.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
started=$SECONDS

# Input: EVENTS lines of deterministic sample events (one duplicate delivery and one broken line among them).
engage samples --customers "$CUSTOMERS" --seed "$SEED" --out "$work/samples" >/dev/null
head -n "$EVENTS" "$work/samples/events.jsonl" > "$work/events.jsonl"
profiles="$work/samples/profiles.jsonl"
lines=$(wc -l < "$work/events.jsonl")
ids=$(grep -o '^{"id":"[^"]*"' "$work/events.jsonl" | sort -u | wc -l)
last=$(grep -o '"time":"[^"]*"' "$work/events.jsonl" | cut -d'"' -f4 | sort | tail -n 1)
until=$(date -u -d "$last + 30 days" +%Y-%m-%dT%H:%M:%SZ)
# The database is encrypted, as in production: every run (and every kill) goes through the field protector.
engage keys new --out "$work/keys.json" >/dev/null
serve_args=(serve --db "$work/crash.db" --key-file "$work/keys.json" --journeys journeys --profiles "$profiles" --events "$work/events.jsonl" --clock virtual --until "$until" --until-idle)

# Reference: the simulator on the same input, same virtual clock, same horizon.
t0=$SECONDS
expected=$(engage simulate --journeys journeys --profiles "$profiles" --events "$work/events.jsonl" --until "$until" 2>/dev/null \
  | grep -oE '[0-9,]+ messages' | tr -d ', messages')
simulate_s=$((SECONDS - t0))
echo "crash test: $lines input lines ($ids distinct ids), $(wc -l < "$profiles") profiles, virtual time until $until; simulate: $expected messages in ${simulate_s}s"

# Kill at random moments: 0 to 4.5 s after each run has imported its profiles (startup and the import take 2 s on a quiet
# machine and much longer on a loaded one, so the clock starts at serve's "Profiles from" log line, not at the launch):
# some kills land while the file is being fed and most while groups are being processed.
RANDOM=$SEED
touch "$work/serve.log"
kills=0
runs=0
t0=$SECONDS
while [ "$kills" -lt "$KILLS" ]; do
  runs=$((runs + 1))
  logged=$(wc -l < "$work/serve.log")
  dotnet "$DLL" "${serve_args[@]}" >> "$work/serve.log" 2>&1 &   # the dotnet process itself, so the kill hits it
  pid=$!
  r=$((RANDOM % 4500))   # drawn here, not inside $(...): bash reseeds RANDOM in subshells
  delay=$(awk -v r="$r" 'BEGIN { printf "%.3f", r / 1000 }')
  for _ in $(seq 1 600); do   # at most 60 s for startup and the profile import
    tail -n +"$((logged + 1))" "$work/serve.log" | grep -q 'Profiles from' && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  sleep "$delay"
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    wait "$pid" 2>/dev/null || true
    kills=$((kills + 1))
    progress=$(engage status --db "$work/crash.db" --json 2>/dev/null | grep -oE '"processedEvents":[0-9]+|"outboxRows":[0-9]+' | cut -d: -f2 | paste -sd/ - || echo "?")
    echo "  kill $kills ${delay}s after the profile import (events processed/outbox rows so far: $progress)"
  else
    wait "$pid" || { echo "crash test: FAILED: engage serve exited with an error (see $work/serve.log)"; exit 1; }
    echo "  run $runs finished before its kill at ${delay}s"
    break
  fi
done

# The last run goes to the end.
dotnet "$DLL" "${serve_args[@]}" >> "$work/serve.log" 2>&1 || { echo "crash test: FAILED: the final engage serve failed"; tail -n 20 "$work/serve.log"; exit 1; }
runs=$((runs + 1))
serve_s=$((SECONDS - t0))
json=$(engage status --db "$work/crash.db" --json)
figure() { echo "$json" | grep -oE "\"$1\":[0-9]+" | head -n 1 | cut -d: -f2; }
rows=$(figure outboxRows); keys=$(figure outboxDistinctLedgerKeys); sent=$(figure ledgerSent); delivered=$(figure outboxDelivered)
processed=$(figure inputProcessed); accepted=$(figure inputEvents); rejected=$(figure rejectedLines); failed=$(figure failedEvents)
pending=$(figure pendingEvents)
# Duplicates counted by the host per committed chunk (a chunk logged just before a kill may be missing: at least this many).
refed=$(awk '/Ingested from file:events.jsonl/ { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^duplicates/) s += $i } END { print s + 0 }' "$work/serve.log")
in_file_duplicates=$((lines - ids))

echo "crash test: $kills SIGKILLs over $runs runs of engage serve in ${serve_s}s (seed $SEED), at least $refed re-fed lines counted as duplicates"
echo "  messages: simulate $expected | outbox rows $rows | distinct ledger keys $keys | ledger sent $sent | delivered $delivered"
echo "  encryption: AES-256-GCM under a key file, the database files scanned for plain email addresses"
echo "  events:   $lines lines = $processed processed + $rejected rejected + $in_file_duplicates duplicate in the file ($accepted accepted, $pending pending, $failed set aside)"

problems=()
[ "$rows" = "$expected" ] || problems+=("outbox rows $rows != simulate $expected")
[ "$keys" = "$rows" ] || problems+=("distinct ledger keys $keys != outbox rows $rows")
[ "$sent" = "$rows" ] || problems+=("ledger sent $sent != outbox rows $rows")
[ "$delivered" = "$rows" ] || problems+=("delivered $delivered != outbox rows $rows")
[ $((processed + rejected + in_file_duplicates)) = "$lines" ] || problems+=("processed + rejected + duplicates != $lines lines")
[ "$processed" = "$accepted" ] || problems+=("accepted $accepted != processed $processed")
[ "$failed" = 0 ] || problems+=("$failed events set aside")
[ "$kills" -ge "$KILLS" ] || problems+=("only $kills kills landed")
plain=$(cat "$work"/crash.db* 2>/dev/null | grep -ac '@example\.com' || true)
[ "$plain" = 0 ] || problems+=("$plain lines of the database files hold a plain email address")
engage status --db "$work/crash.db" | grep -q 'database: encrypted (AES-256-GCM)' || problems+=("engage status does not report the database encrypted")
if [ ${#problems[@]} -gt 0 ]; then
  printf 'crash test: FAILED: %s\n' "${problems[@]}"
  echo "  (work directory: $work)"; trap - EXIT
  exit 1
fi
echo "crash test: passed in $((SECONDS - started))s"
