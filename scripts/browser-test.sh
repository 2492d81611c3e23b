#!/usr/bin/env bash
# Browser checks of the HTML report, the Mermaid text and the serve dashboard (with an operator, a viewer and an ingest key)
# in a real headless Chromium (Debian chromium +
# npm playwright-core and mermaid in .tools/browser). Installs what is missing, writes the report from the sample simulation,
# starts `engage serve` on a free loopback port, runs scripts/browser-test.mjs, stops the server by PID.
# Prints "browser: N passed, M failed"; exit 1 if any failed. Screenshots go to docs/images/ (embedded by docs/reports.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ENGAGE_DLL="${ENGAGE_DLL:-src/Engagement.Cli/bin/Release/net10.0/engage.dll}"
TOOLS=".tools/browser"
WORK="out/browser"

if ! command -v chromium >/dev/null 2>&1; then
  echo "browser: installing Debian chromium"
  (apt-get install -y chromium >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1)) || { echo "browser: chromium could not be installed"; echo "browser: 0 passed, 1 failed"; exit 1; }
fi
if [ ! -d "$TOOLS/node_modules/playwright-core" ] || [ ! -f "$TOOLS/node_modules/mermaid/dist/mermaid.min.js" ]; then
  echo "browser: installing playwright-core and mermaid into $TOOLS"
  mkdir -p "$TOOLS"
  [ -f "$TOOLS/package.json" ] || echo '{"name":"engage-browser-tests","private":true}' > "$TOOLS/package.json"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error playwright-core@1.65.1 mermaid@11.17.2 >/dev/null
fi

rm -rf "$WORK" && mkdir -p "$WORK" docs/images
engage() { dotnet "$ENGAGE_DLL" "$@"; }
engage simulate --journeys journeys --profiles samples/profiles.jsonl --events samples/events.jsonl --out "$WORK/timeline.jsonl" --report "$WORK/report.html" >/dev/null
engage graph journeys --format mermaid --out "$WORK/mermaid" 2>/dev/null

# Serve data with a hostile value in customer-supplied fields: a complaint severity and a profile attribute holding a script.
head -40 samples/profiles.jsonl > "$WORK/profiles.jsonl"
echo '{"customerId":"xss1","locale":"en","timezone":"UTC","attributes":{"tier":"<script>window.__xss=1</script>","points":10}}' >> "$WORK/profiles.jsonl"
grep -E '"customerId":"c0000[0-3][0-9]"' samples/events.jsonl > "$WORK/events.jsonl" || true
echo '{"id":"xss-c1","type":"complaint.opened","customerId":"xss1","time":"2026-12-01T10:00:00Z","data":{"complaintId":"x1","severity":"<img src=x onerror=\"window.__xss=2\"><script>window.__xss=3</script>"}}' >> "$WORK/events.jsonl"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
# One named key per role the dashboard checks need (docs/security.md): operator signs in and sees rendered messages,
# viewer sees counts only, ingest may not sign in.
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
for role in operator viewer ingest; do engage api-keys new --name "browser-$role" --role "$role" --json > "$WORK/$role-key.json"; done
cat > "$WORK/engage.json" <<JSON
{ "journeys": "$(pwd)/journeys", "http": { "keys": [
  { "name": "browser-operator", "role": "operator", "hash": "$(field "$WORK/operator-key.json" hash)" },
  { "name": "browser-viewer", "role": "viewer", "hash": "$(field "$WORK/viewer-key.json" hash)" },
  { "name": "browser-ingest", "role": "ingest", "hash": "$(field "$WORK/ingest-key.json" hash)" } ] } }
JSON
key=$(field "$WORK/operator-key.json" secret)
engage keys new --out "$WORK/keys.json" >/dev/null
# dotnet itself in the background (not the engage function, whose subshell PID would be killed while the server lived on)
dotnet "$ENGAGE_DLL" serve --config "$WORK/engage.json" --key-file "$WORK/keys.json" --db "$WORK/engage.db" --urls "http://127.0.0.1:$port" --profiles "$WORK/profiles.jsonl" --events "$WORK/events.jsonl" --clock virtual > "$WORK/serve.log" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 || curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  sleep 0.3
done

# A delivery report for one welcome email, posted like a provider's would be, so the dashboard shows the delivery columns.
delivered_step=""
for _ in $(seq 1 60); do
  row=$(engage outbox --db "$WORK/engage.db" --limit 100000 --json 2>/dev/null | grep -m1 '"step":"welcome-email"' || true)
  if [ -n "$row" ]; then
    python3 -c 'import json,sys,datetime as d; r=json.loads(sys.argv[1]); m=r["message"]; t=d.datetime.strptime(r["createdAt"],"%Y-%m-%dT%H:%M:%SZ")+d.timedelta(minutes=1); print(json.dumps({"id":"browser-dr-1","type":"message.delivered","customerId":m["customerId"],"time":t.strftime("%Y-%m-%dT%H:%M:%SZ"),"data":{"ledgerKey":m["ledgerKey"],"channel":m["channel"],"provider":"test","status":"delivered"}}))' "$row" > "$WORK/delivery.json"
    curl -fsS "http://127.0.0.1:$port/events" -H "X-Api-Key: $(field "$WORK/ingest-key.json" secret)" -H 'Content-Type: application/json' --data-binary @"$WORK/delivery.json" >/dev/null && delivered_step="welcome-email"
    break
  fi
  sleep 0.5
done

set +e
NODE_PATH="$TOOLS/node_modules" BASE_URL="http://127.0.0.1:$port" API_KEY="$key" VIEWER_KEY="$(field "$WORK/viewer-key.json" secret)" INGEST_KEY="$(field "$WORK/ingest-key.json" secret)" WORK="$WORK" TOOLS="$TOOLS" DELIVERED_STEP="$delivered_step" node scripts/browser-test.mjs
rc=$?
set -e
exit $rc
