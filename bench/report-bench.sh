#!/usr/bin/env bash
# The report benchmark of issue 14 (docs/benchmarks.md): `engage report` over the 10,000-customer simulation, plain and
# gzip-compressed timeline, measured with GNU time (wall, user + system CPU, peak RSS) and the HTML size, checked against the
# targets (< 10 s, < 500 MB, HTML < 5 MB). With --baseline, another build's engage.dll runs the same report alternately in the
# same session, so the ratios come from the same conditions.
#
#   bench/report-bench.sh [--customers 10000] [--rounds 2] [--dir /tmp/report-bench] [--engage DLL] [--baseline DLL]
#
# The samples and the simulation are made once and kept in --dir (delete it to start again).
set -euo pipefail
cd "$(dirname "$0")/.."
customers=10000 rounds=2 dir=/tmp/report-bench engage="" baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --customers) customers=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --engage) engage=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    *) echo "report-bench: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "report-bench: needs GNU time (/usr/bin/time; Debian package time)" >&2; exit 2; }
if [ -z "$engage" ]; then
  EngagementUnservedAzure=false dotnet build src/Engagement.Cli -c Release -v quiet >/dev/null
  engage=$(ls -d src/Engagement.Cli/bin/Release/*/ | head -1)engage.dll
fi
mkdir -p "$dir"
if [ ! -s "$dir/timeline.jsonl" ]; then
  dotnet "$engage" samples --customers "$customers" --out "$dir" --force >&2
  dotnet "$engage" simulate --journeys journeys --profiles "$dir/profiles.jsonl" --events "$dir/events.jsonl" --out "$dir/timeline.jsonl" >/dev/null
fi
[ -s "$dir/timeline.gz.jsonl" ] || gzip -1 -c "$dir/timeline.jsonl" > "$dir/timeline.gz.jsonl"

echo "| build | timeline | wall | CPU (user + sys) | peak RSS | HTML | load average |"
echo "|---|---|---:|---:|---:|---:|---|"
run() { # label dll timeline
  local out="$dir/report-$1.html" stats
  /usr/bin/time -o "$dir/time.txt" -f "%e %U %S %M" dotnet "$2" report --journeys journeys --timeline "$3" --events "$dir/events.jsonl" \
    --profiles "$dir/profiles.jsonl" --out "$out" 2>/dev/null
  read -r wall user sys rss < "$dir/time.txt"
  printf '| %s | %s | %.1f s | %.1f s | %d MB | %.2f MB | %s |\n' "$1" "$(basename "$3")" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) \
    "$(echo "scale=2; $(stat -L -c %s "$out") / 1048576" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
for _ in $(seq "$rounds"); do
  [ -z "$baseline" ] || run baseline "$baseline" "$dir/timeline.jsonl"
  run this "$engage" "$dir/timeline.jsonl"
done
run this "$engage" "$dir/timeline.gz.jsonl"
echo
echo "$(wc -l < "$dir/timeline.jsonl") timeline lines, $(( $(stat -L -c %s "$dir/timeline.jsonl") / 1048576 )) MB ($(( $(stat -L -c %s "$dir/timeline.gz.jsonl") / 1048576 )) MB gzip); targets: < 10 s, < 500 MB, HTML < 5 MB"
