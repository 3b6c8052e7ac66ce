#!/usr/bin/env bash
# Map benchmark with 10,000 synthetic places (see docs/benchmarks.md, section "Map").
#
#   ./atlas up --detach          # or ./atlas db: the dev PostgreSQL the benchmark database lives in
#   web/bench/map-bench.sh [runs]
#
# Generates the synthetic catalogue once (dotnet run --project api -- generate), loads it into a database
# of its own (atlas_bench_map, re-created each time) on the dev cluster, serves it with the Release build of
# the API on port $BENCH_PORT (default 5090) with web/dist at "/", waits until the API and its search index
# are ready, runs bench/map-bench.mjs, then stops that API again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PLACES="${BENCH_PLACES:-10000}"
PORT="${BENCH_PORT:-5090}"
PG_PORT="${ATLAS_PG_PORT:-55432}"
DB=atlas_bench_map
SYN="${BENCH_DATA:-/tmp/atlas-bench-$PLACES}"
RUNS="${1:-7}"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=atlas;Password=atlas;Database=$DB"
API=(dotnet "$ROOT/api/bin/Release/net10.0/FrontrunnerAtlas.Api.dll")

cd "$ROOT"
[[ -f web/dist/index.html ]] || (cd web && npm run build)
dotnet build api -c Release -v q -nologo >/dev/null
if [[ ! -f $SYN/places.json ]]; then
  echo "bench: generating $PLACES synthetic places into $SYN"
  "${API[@]}" generate --places "$PLACES" --practices 0 --out "$SYN"
fi
echo "bench: loading them into database $DB"
./atlas psql -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
ConnectionStrings__Atlas="$CS" "${API[@]}" migrate >/dev/null
ConnectionStrings__Atlas="$CS" "${API[@]}" import "$SYN" | tail -n 1

INDEX="$(mktemp -d)"
ConnectionStrings__Atlas="$CS" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Web__Root="$ROOT/web/dist" Search__IndexPath="$INDEX" \
  "${API[@]}" >"$INDEX.log" 2>&1 &
API_PID=$!
trap 'kill "$API_PID" 2>/dev/null; wait "$API_PID" 2>/dev/null; rm -rf "$INDEX" "$INDEX.log"' EXIT
for _ in $(seq 1 240); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true) == 200 ]] && break
  sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" || { echo "bench: the API did not come up (log: $INDEX.log)"; cat "$INDEX.log"; exit 1; }
# One request to warm the server (JIT, connection pool) as a running service would be.
curl -s -o /dev/null "http://127.0.0.1:$PORT/collections/places/items?limit=10000"

cd web
node bench/map-bench.mjs --url "http://127.0.0.1:$PORT/" --runs "$RUNS"
