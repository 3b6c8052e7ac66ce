#!/usr/bin/env bash
# Load benchmark (run by hand: ./atlas bench load). Needs ATLAS_TEST_PG / ATLAS_TEST_REDIS (./atlas starts
# throwaway servers), wrk and nginx (Debian packages). Prints requests/s and latency for the cached map layer
# (as it is, gzip and Brotli), a facet query and a search over HTTP on loopback, next to nginx serving the same
# map-layer bytes as static files in the same run (the plain JSON, and with gzip_static the API's own gzip
# bytes): the physical limit of this machine.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PLACES=${PLACES:-10000}
PRACTICES=${PRACTICES:-20000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
API_PORT=${API_PORT:-5191}
NGINX_PORT=${NGINX_PORT:-5192}
BYTES_PORT=${BYTES_PORT:-5193}
WORK=$(mktemp -d /tmp/atlas-load.XXXXXX)
DLL="$ROOT/api/bin/Release/net10.0/FrontrunnerAtlas.Api.dll"
DB_CS="${ATLAS_TEST_PG/Database=postgres/Database=atlas_load}"
API_PID="" NGINX_PID="" BYTES_PID=""
cleanup() {
  [[ -n $API_PID ]] && kill "$API_PID" 2>/dev/null || true
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null || true
  [[ -n $BYTES_PID ]] && kill "$BYTES_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || { echo "nginx is missing: apt-get install nginx-light" >&2; exit 1; }

echo "Load benchmark: $PLACES synthetic places, $PRACTICES practices; wrk -t2 -c$CONNECTIONS -d$DURATION; $(nproc) cores"
psql "$(echo "$ATLAS_TEST_PG" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Password=/password=/; s/Database=/dbname=/')" \
  -qc "DROP DATABASE IF EXISTS atlas_load WITH (FORCE)" -c "CREATE DATABASE atlas_load" >/dev/null
export ConnectionStrings__Atlas="$DB_CS" ConnectionStrings__Redis="$ATLAS_TEST_REDIS" Search__IndexPath="$WORK/index"
export Logging__LogLevel__Default=Warning Protection__SearchPermits=1000000000 Protection__ODataPermits=1000000000 Protection__MapPermits=1000000000
(cd "$ROOT/api" && dotnet "$DLL" migrate >/dev/null && dotnet "$DLL" generate --places "$PLACES" --practices "$PRACTICES" --out "$WORK/syn" >/dev/null \
  && dotnet "$DLL" import "$WORK/syn" | tail -1)
(cd "$ROOT/api" && ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" exec dotnet "$DLL") >"$WORK/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$API_PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
LAYER="/collections/places/items?limit=$PLACES"
curl -fsS "http://127.0.0.1:$API_PORT$LAYER" -o "$WORK/layer.json"
# curl keeps the encoded bytes as they came (no --compressed): nginx serves exactly what the API serves.
curl -fsS -H 'Accept-Encoding: gzip' "http://127.0.0.1:$API_PORT$LAYER" -o "$WORK/layer.json.gz"
curl -fsS -H 'Accept-Encoding: br' "http://127.0.0.1:$API_PORT$LAYER" -o "$WORK/layer.json.br"
gunzip -c "$WORK/layer.json.gz" | cmp -s - "$WORK/layer.json" || { echo "the gzip layer is not the plain layer" >&2; exit 1; }
echo "map layer: $(wc -c <"$WORK/layer.json") bytes ($PLACES places as GeoJSON), gzip $(wc -c <"$WORK/layer.json.gz"), br $(wc -c <"$WORK/layer.json.br")"

mkdir -p "$WORK/nginx/logs" "$WORK/www"
cp "$WORK/layer.json" "$WORK/layer.json.gz" "$WORK/www/"
chmod -R a+rX "$WORK" # nginx workers run as another user when started as root
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx; uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx;
  default_type application/geo+json;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; gzip_static on; }
}
CONF
/usr/sbin/nginx -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
sleep 1

run() { # name url [Accept-Encoding]
  local header=(-H "Accept-Encoding: ${3:-identity}")
  for _ in 1 2 3; do curl -fsS "${header[@]}" "$2" -o /dev/null; done
  wrk -t2 -c"$CONNECTIONS" -d5s "${header[@]}" "$2" >/dev/null 2>&1 # warm-up to steady state (JIT, caches)
  local out rps p50 p99
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" "$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '%-34s %10s req/s   p50 %8s   p99 %8s\n' "$1" "$rps" "$p50" "$p99"
  echo "$rps" >"$WORK/rps-$(tr ' /' '__' <<<"$1")"
}
# Both answer gzip with the same bytes (checked here), so the two gzip rows compare like with like.
cmp -s <(curl -fsS -H 'Accept-Encoding: gzip' "http://127.0.0.1:$NGINX_PORT/layer.json") "$WORK/layer.json.gz" \
  || { echo "nginx does not serve the API's gzip bytes" >&2; exit 1; }
run "nginx static map layer (limit)" "http://127.0.0.1:$NGINX_PORT/layer.json"
run "nginx gzip_static map layer" "http://127.0.0.1:$NGINX_PORT/layer.json" gzip
# Kestrel alone writing the same gzip bytes (server GC, as the API): what the server costs before the API adds anything.
DOTNET_gcServer=1 dotnet "$ROOT/tests/FrontrunnerAtlas.Bench/bin/Release/net10.0/FrontrunnerAtlas.Bench.dll" serve-bytes \
  --file "$WORK/layer.json.gz" --encoding gzip --port "$BYTES_PORT" >"$WORK/bytes.log" 2>&1 &
BYTES_PID=$!
for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:$BYTES_PORT/" 2>/dev/null && break; sleep 0.5; done
cmp -s <(curl -fsS -H 'Accept-Encoding: gzip' "http://127.0.0.1:$BYTES_PORT/") "$WORK/layer.json.gz" \
  || { echo "the bare Kestrel server does not serve the API's gzip bytes" >&2; exit 1; }
run "bare Kestrel, same gzip bytes" "http://127.0.0.1:$BYTES_PORT/" gzip
run "cached map layer (API)" "http://127.0.0.1:$API_PORT$LAYER"
run "cached map layer (API, gzip)" "http://127.0.0.1:$API_PORT$LAYER" gzip
run "cached map layer (API, br)" "http://127.0.0.1:$API_PORT$LAYER" br
run "facet query (search, theme filter)" "http://127.0.0.1:$API_PORT/api/search?theme=Energy&type=practice&size=20"
run "search (two words, facets)" "http://127.0.0.1:$API_PORT/api/search?q=green%20corridor&size=20"
ratio=$(awk -v a="$(cat "$WORK"/rps-cached_map_layer_\(API\))" -v b="$(cat "$WORK"/rps-nginx_static_map_layer_\(limit\))" 'BEGIN { printf "%.2f", a / b }')
echo "cached map layer / nginx: ${ratio}x"
ratio=$(awk -v a="$(cat "$WORK"/rps-cached_map_layer_\(API,_gzip\))" -v b="$(cat "$WORK"/rps-nginx_gzip_static_map_layer)" 'BEGIN { printf "%.2f", a / b }')
echo "cached map layer, gzip / nginx gzip_static: ${ratio}x"
ratio=$(awk -v a="$(cat "$WORK"/rps-bare_Kestrel,_same_gzip_bytes)" -v b="$(cat "$WORK"/rps-nginx_gzip_static_map_layer)" 'BEGIN { printf "%.2f", a / b }')
echo "bare Kestrel, gzip / nginx gzip_static: ${ratio}x (the server's own limit)"
ratio=$(awk -v a="$(cat "$WORK"/rps-cached_map_layer_\(API,_gzip\))" -v b="$(cat "$WORK"/rps-bare_Kestrel,_same_gzip_bytes)" 'BEGIN { printf "%.2f", a / b }')
echo "cached map layer, gzip / bare Kestrel: ${ratio}x (what the API adds)"
