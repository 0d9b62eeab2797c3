#!/usr/bin/env bash
# Stops the servers scripts/start.sh started (Compose services, or the local ones whose data is under .data/).
# With --reset it also deletes their data, so the next start begins empty (new demo admin password included).
set -uo pipefail
cd "$(dirname "$0")/.."
reset=false
case "${1:-}" in
  "") ;;
  --reset) reset=true ;;
  *) echo "Usage: bash scripts/stop.sh [--reset]" >&2; exit 2 ;;
esac

as_postgres() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

if docker info >/dev/null 2>&1; then
  compose() { if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi; }
  if $reset; then compose down -v; else compose stop; fi
fi

# PostgreSQL's data lives in .data/postgres, or where .data/postgres.path says (a checkout the postgres user cannot reach).
data=.data/postgres
[ -s .data/postgres.path ] && data=$(cat .data/postgres.path)
if [ -s "$data/PG_VERSION" ]; then
  bin=$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)
  if as_postgres "$bin" -D "$data" status >/dev/null 2>&1; then
    as_postgres "$bin" -D "$data" stop -m fast >/dev/null && echo "PostgreSQL stopped."
  fi
fi

if [ -s .data/redis/redis.pid ] && pid=$(cat .data/redis/redis.pid) && kill "$pid" 2>/dev/null; then
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  echo "Redis stopped."
fi

if $reset; then
  case "$data" in /var/tmp/shop-quickstart-*/postgres) rm -rf "$(dirname "$data")" ;; esac
  rm -rf .data
  echo "Data deleted: the next 'bash scripts/start.sh' starts empty."
else
  echo "Servers stopped; their data is kept (bash scripts/stop.sh --reset deletes it)."
fi
