#!/usr/bin/env bash
# The integrators' real clients against `engage serve` on 127.0.0.1: @segment/analytics-node and the `cloudevents` JS SDK's
# HTTP emitter (both from npm, installed into .tools/node like scripts/services.sh does). Checks (scripts/integrations/clients.mjs):
#   identify + track reach the profile and enroll the customer; CloudEvents in structured and binary mode do the same;
#   a client retry after a dropped connection (a loopback proxy that closes the connection after forwarding) doubles nothing;
#   a wrong write key gives 401, which the client reports as an error with the status, without retrying.
#   the write key is a named ingest-role key (engage api-keys new): reading a customer with it gets 403 naming operator.
# Runnable alone: scripts/integrations-test.sh (KEEP=1 keeps the work directory). Ends with "integrations: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
DLL=src/Engagement.Cli/bin/Release/net10.0/engage.dll
TOOLS="${ENGAGE_TOOLS_DIR:-$(pwd)/.tools/node}"
SEGMENT_VERSION=3.1.0
CLOUDEVENTS_VERSION=10.0.0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "integrations: node/npm not found"; echo "integrations: 0 passed, 1 failed"; exit 1
fi
if [ ! -d "$TOOLS/node_modules/@segment/analytics-node" ] || [ ! -d "$TOOLS/node_modules/cloudevents" ]; then
  echo "integrations: installing @segment/analytics-node@$SEGMENT_VERSION and cloudevents@$CLOUDEVENTS_VERSION into $TOOLS"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"name":"engage-test-services","private":true}' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error \
    "@segment/analytics-node@$SEGMENT_VERSION" "cloudevents@$CLOUDEVENTS_VERSION" >/dev/null
fi
[ -f "$DLL" ] || dotnet build src/Engagement.Cli -c Release -v quiet -nologo

work=$(mktemp -d "${TMPDIR:-/tmp}/engage-integrations.XXXXXX")
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

# A journey that enrolls on registration, so "the customer is enrolled" can be seen in GET /customers/{id}.
mkdir -p "$work/journeys/templates"
cat > "$work/journeys/welcome.json" <<'JSON'
{ "id": "welcome", "version": 1, "name": "Welcome", "category": "transactional",
  "trigger": { "event": "customer.registered" }, "reentry": "never", "holdout": 0, "start": "hello",
  "steps": { "hello": { "type": "send", "channel": "email", "template": "hello", "next": "wait" },
             "wait": { "type": "wait", "duration": "P7D", "next": "done" }, "done": { "type": "exit" } } }
JSON
printf -- '---\nsubject: Welcome\n---\nHello {{ profile.customerId }}\n' > "$work/journeys/templates/hello.email.en.liquid"
# Two named keys, as docs/security.md says: the integrators' write key can only ingest; the checks read with an operator key.
dotnet "$DLL" api-keys new --name crm --role ingest --json > "$work/ingest-key.json"
dotnet "$DLL" api-keys new --name care --role operator --json > "$work/operator-key.json"
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
key=$(field "$work/ingest-key.json" secret)
read_key=$(field "$work/operator-key.json" secret)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat > "$work/engage.json" <<JSON
{ "database": "engage.db", "journeys": "journeys", "keyFile": "keys.json",
  "http": { "urls": ["http://127.0.0.1:$port"], "keys": [
    { "name": "crm", "role": "ingest", "hash": "$(field "$work/ingest-key.json" hash)" },
    { "name": "care", "role": "operator", "hash": "$(field "$work/operator-key.json" hash)" } ] },
  "integrations": { "cloudEvents": { "typePrefixes": ["com.shop."] } } }
JSON

dotnet "$DLL" keys new --out "$work/keys.json" >/dev/null
dotnet "$DLL" serve --config "$work/engage.json" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.3
done

set +e
ENGAGE_URL="http://127.0.0.1:$port" ENGAGE_KEY="$key" ENGAGE_READ_KEY="$read_key" NODE_PATH="$TOOLS/node_modules" \
  node scripts/integrations/clients.mjs "$TOOLS/node_modules"
rc=$?
set -e
if [ "$rc" -ne 0 ]; then echo "integrations: engage serve log (last lines):"; tail -n 20 "$work/serve.log"; fi
exit "$rc"
