#!/usr/bin/env bash
# Search-scale benchmark, run by hand: the catalog routes at 10,000 and at 1,000,000 products.
#
#   bash benchmarks/search-scale.sh            # builds src/WebApi (Release) first
#   SKIP_BUILD=1 RUNS=31 bash benchmarks/search-scale.sh
#
# Starts its own PostgreSQL (the local binaries, C locale like the quick start) and Redis on free loopback
# ports in a temporary directory, removed at the end. For each size it migrates a new database with the
# `migrate` verb, inserts the products with generate_series, runs VACUUM ANALYZE (what autovacuum does soon after
# a bulk insert: statistics and the visibility map), starts the API and times each
# request end to end with curl (median of RUNS after 10 warm-up requests). Prints the times and the 1M ÷ 10k ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-21}
SIZES=(10000 1000000)
PG_BIN=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")
work=$(mktemp -d)
pg_started="" redis_pid="" api_pid=""

cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
  [ -n "$pg_started" ] && as_pg "'$PG_BIN/pg_ctl' -D '$work/pg' -m fast stop >/dev/null" || true
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

if [ -z "${SKIP_BUILD:-}" ]; then
  dotnet build src/WebApi -c Release -nologo -v quiet
fi

pg_port=$(free_port)
redis_port=$(free_port)
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
as_pg "'$PG_BIN/initdb' -D '$work/pg' -U postgres --auth=trust -E UTF8 --locale=C --no-sync >/dev/null"
as_pg "'$PG_BIN/pg_ctl' -D '$work/pg' -l '$work/pg/server.log' -w -o \"-p $pg_port -k '$work' -c listen_addresses=127.0.0.1 -c fsync=off\" start >/dev/null"
pg_started=1
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
redis_pid=$!
psql_() { psql -X -q -t -A -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }
for _ in $(seq 50); do psql_ -c 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done

# The cursor of the row at (name, id), as the API writes it: base64url of version 1, the id (16 bytes, big-endian),
# the name in UTF-8 and the first 8 bytes of the SHA-256 of all that (ProductCursor). Deep cursors come from here
# because reaching row 900,000 by following nextCursor would take 45,000 requests.
cursor_of() {
  python3 - "$1" "$2" <<'EOF'
import base64, hashlib, sys, uuid
body = bytes([1]) + uuid.UUID(sys.argv[2]).bytes + sys.argv[1].encode()
print(base64.urlsafe_b64encode(body + hashlib.sha256(body).digest()[:8]).decode().rstrip("="))
EOF
}

median_ms() {
  local url=$1 times=()
  for _ in $(seq 10); do curl -s -o /dev/null "$url"; done
  for _ in $(seq "$RUNS"); do
    times+=("$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$url")")
  done
  printf '%s\n' "${times[@]}" | python3 -c '
import sys, statistics
rows = [line.split() for line in sys.stdin if line.strip()]
bad = [code for code, _ in rows if code != "200"]
if bad: sys.exit(f"non-200 answers: {sorted(set(bad))}")
times = [float(t) * 1000 for _, t in rows]
print(f"{statistics.median(times):.2f} {min(times):.2f}")'
}

declare -A result
scenarios=(no_match rare_match many_matches first_page offset_page_500 cursor_deep)
for size in "${SIZES[@]}"; do
  db="shop_bench_$size"
  psql_ -c "CREATE DATABASE $db"
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"
  export ConnectionStrings__Redis="127.0.0.1:$redis_port"
  export Shop__RateLimit__PermitsPerMinute=100000000 ASPNETCORE_ENVIRONMENT=Production
  dotnet src/WebApi/bin/Release/net10.0/Shop.WebApi.dll migrate >/dev/null
  echo "Inserting $size products ..."
  start=$(date +%s)
  psql_ -d "$db" -c "INSERT INTO products (id, name, price, stock)
    SELECT gen_random_uuid(), 'Product ' || md5(g::text) || ' ' || (ARRAY['oak','pine','steel','glass'])[1 + g % 4], 9.99, g % 5
    FROM generate_series(1, $size) g" -c 'VACUUM ANALYZE products'
  echo "  inserted and analysed in $(( $(date +%s) - start )) s"

  api_port=$(free_port)
  ASPNETCORE_URLS="http://127.0.0.1:$api_port" dotnet src/WebApi/bin/Release/net10.0/Shop.WebApi.dll >"$work/api.log" 2>&1 &
  api_pid=$!
  api="http://127.0.0.1:$api_port/api/products"
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$api_port/health/live" >/dev/null 2>&1 && break; sleep 0.3; done

  IFS='|' read -r deep_name deep_id < <(psql_ -d "$db" -c "SELECT name || '|' || id FROM products ORDER BY name, id OFFSET $((size * 9 / 10)) LIMIT 1")
  cursor=$(cursor_of "$deep_name" "$deep_id")
  declare -A urls=(
    [no_match]="$api?search=zzqqxx&pageSize=20"
    [rare_match]="$api?search=c4ca4&pageSize=20"
    [many_matches]="$api?search=oak&pageSize=20"
    [first_page]="$api?pageSize=20"
    [offset_page_500]="$api?page=500&pageSize=20"
    [cursor_deep]="$api?pageSize=20&cursor=$cursor"
  )
  for scenario in "${scenarios[@]}"; do
    result[$scenario,$size]=$(median_ms "${urls[$scenario]}")
  done
  kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=""
done

# The minimum is the figure least disturbed by other work on the machine; the median is the typical request.
printf '\n%-16s %10s %10s %8s %10s %10s %8s\n' scenario "10k med" "1M med" "ratio" "10k min" "1M min" "ratio"
for scenario in "${scenarios[@]}"; do
  read -r small_med small_min <<<"${result[$scenario,${SIZES[0]}]}"
  read -r large_med large_min <<<"${result[$scenario,${SIZES[1]}]}"
  printf '%-16s %10s %10s %8s %10s %10s %8s\n' "$scenario" "$small_med" "$large_med" "$(python3 -c "print(f'{$large_med / $small_med:.2f}')")" \
    "$small_min" "$large_min" "$(python3 -c "print(f'{$large_min / $small_min:.2f}')")"
done
echo "Times in ms of $RUNS requests each after warm-up (curl, loopback, one at a time); ratio = 1M ÷ 10k;"
echo "deep cursor at row $((SIZES[1] * 9 / 10)) of 1M and $((SIZES[0] * 9 / 10)) of 10k; offset_page_500 = page 500 of 20 (rows 9,981-10,000)."
