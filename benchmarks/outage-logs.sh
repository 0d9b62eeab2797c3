#!/usr/bin/env bash
# Counts the API's log lines during 10 s of load while Redis is down (issue 11: at most 2,000).
# Starts a throwaway PostgreSQL, migrates it, runs the built API (Release) against a Redis address where nothing
# listens, loads one catalog route with wrk and counts what the API wrote to stdout and stderr meanwhile.
#   bash benchmarks/outage-logs.sh [path to Shop.WebApi.dll]   (default: src/WebApi/bin/Release/net10.0/Shop.WebApi.dll)
# Needs the PostgreSQL server binaries, wrk and a built API (dotnet build src/WebApi -c Release).
set -euo pipefail
cd "$(dirname "$0")/.."
dll=$(realpath "${1:-src/WebApi/bin/Release/net10.0/Shop.WebApi.dll}")
duration=${SHOP_LOAD_SECONDS:-10}
connections=${SHOP_LOAD_CONNECTIONS:-8}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
bin=$(dirname "$(command -v initdb 2>/dev/null || ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")

work=$(mktemp -d /tmp/shop-outage-logs.XXXXXX)
chmod 755 "$work"
pg_port=$(free_port)
api_port=$(free_port)
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  as_postgres "$bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir "$work/pg"
[ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
as_postgres "$bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 >/dev/null
as_postgres "$bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc 'create database shop'

export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Database=shop;Username=postgres"
# Port 1: nothing listens, every Redis call fails at once (the connection's FailFast backlog policy).
export ConnectionStrings__Redis="127.0.0.1:1,connectTimeout=500,connectRetry=0"
export ASPNETCORE_ENVIRONMENT=Production
# From the build output, the content root, so that its appsettings.json (log levels) applies.
cd "$(dirname "$dll")"
dotnet "$dll" migrate >/dev/null

dotnet "$dll" --urls "http://127.0.0.1:$api_port" >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$api_port/health/live" >/dev/null 2>&1 && break
  sleep 0.2
done

before=$(wc -l <"$work/api.log")
# A product that does not exist: the rate limiter and the cache read fail (Redis), PostgreSQL answers 404.
wrk -t2 -c"$connections" -d"${duration}s" "http://127.0.0.1:$api_port/api/products/0190a5d2-0000-7000-8000-000000000000" \
  | grep -E 'requests in|Non-2xx' || true
sleep 1
after=$(wc -l <"$work/api.log")
echo "log lines during ${duration} s of load with Redis down: $((after - before))"
echo "stack-trace lines among them: $(tail -n +"$((before + 1))" "$work/api.log" | grep -c '^ *at ' || true)"
echo "--- the first 12 of them:"
tail -n +"$((before + 1))" "$work/api.log" | head -n 12
