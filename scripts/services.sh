#!/usr/bin/env bash
# Local stand-ins for the real services the tests talk to, on 127.0.0.1 only:
#   maildev (SMTP + JSON API)          -> MAILDEV_SMTP_PORT, MAILDEV_WEB_PORT
#   @vercel/cosmosdb-server (Cosmos)   -> COSMOS_EMULATOR_ENDPOINT
# Source this file, call `services_start`, and `services_stop` (also registered on EXIT). Every server is stopped by PID.
# Set ENGAGE_NO_SERVICES=1 to skip them (the tests that need them then skip with a message).

ENGAGE_TOOLS_DIR="${ENGAGE_TOOLS_DIR:-$(pwd)/.tools/node}"
SERVICE_PIDS=()
MAILDEV_VERSION=3.0.0
COSMOS_SERVER_VERSION=1.0.1

free_port() {
  python3 - <<'PY'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

wait_for_port() { # port seconds
  local port=$1 deadline=$((SECONDS + $2))
  while (( SECONDS < deadline )); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then exec 3>&- 3<&-; return 0; fi
    sleep 0.3
  done
  return 1
}

services_install() {
  if [ -x "$ENGAGE_TOOLS_DIR/node_modules/.bin/maildev" ] && [ -d "$ENGAGE_TOOLS_DIR/node_modules/@vercel/cosmosdb-server" ]; then return 0; fi
  echo "services: installing maildev@$MAILDEV_VERSION and @vercel/cosmosdb-server@$COSMOS_SERVER_VERSION into $ENGAGE_TOOLS_DIR"
  mkdir -p "$ENGAGE_TOOLS_DIR"
  [ -f "$ENGAGE_TOOLS_DIR/package.json" ] || echo '{"name":"engage-test-services","private":true}' > "$ENGAGE_TOOLS_DIR/package.json"
  npm install --prefix "$ENGAGE_TOOLS_DIR" --no-audit --no-fund --loglevel=error \
    "maildev@$MAILDEV_VERSION" "@vercel/cosmosdb-server@$COSMOS_SERVER_VERSION" >/dev/null
}

services_start() {
  if [ "${ENGAGE_NO_SERVICES:-}" = "1" ]; then echo "services: skipped (ENGAGE_NO_SERVICES=1)"; return 0; fi
  if ! command -v npm >/dev/null 2>&1; then echo "services: npm not found; service-backed tests will skip"; return 0; fi
  services_install || { echo "services: install failed; service-backed tests will skip"; return 0; }
  trap services_stop EXIT

  local smtp web cosmos
  smtp=$(free_port); web=$(free_port)
  "$ENGAGE_TOOLS_DIR/node_modules/.bin/maildev" --smtp "$smtp" --web "$web" --ip 127.0.0.1 --silent >"${TMPDIR:-/tmp}/maildev.$$.log" 2>&1 &
  SERVICE_PIDS+=($!)
  if wait_for_port "$smtp" 30 && wait_for_port "$web" 30; then
    export MAILDEV_SMTP_PORT=$smtp MAILDEV_WEB_PORT=$web
    echo "services: maildev on 127.0.0.1 smtp=$smtp web=$web (pid ${SERVICE_PIDS[-1]})"
  else
    echo "services: maildev did not start; see ${TMPDIR:-/tmp}/maildev.$$.log"
  fi

  cosmos=$(free_port)
  node -e "
    const { default: cosmosServer } = require('$ENGAGE_TOOLS_DIR/node_modules/@vercel/cosmosdb-server');
    cosmosServer().listen($cosmos, '127.0.0.1', () => console.log('cosmosdb-server listening'));
  " >"${TMPDIR:-/tmp}/cosmos.$$.log" 2>&1 &
  SERVICE_PIDS+=($!)
  if wait_for_port "$cosmos" 30; then
    export COSMOS_EMULATOR_ENDPOINT="https://127.0.0.1:$cosmos/"
    echo "services: cosmosdb-server on $COSMOS_EMULATOR_ENDPOINT (pid ${SERVICE_PIDS[-1]})"
  else
    echo "services: cosmosdb-server did not start; see ${TMPDIR:-/tmp}/cosmos.$$.log"
  fi
}

services_stop() {
  local pid
  for pid in "${SERVICE_PIDS[@]:-}"; do
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  SERVICE_PIDS=()
}
