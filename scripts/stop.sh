#!/usr/bin/env bash
# Stops the servers scripts/start.sh started (Compose services, or the local ones whose data is under .data/).
# With --reset it also deletes their data, so the next start begins empty (new demo admin password included);
# it deletes nothing unless both servers are verifiably stopped.
set -uo pipefail
cd "$(dirname "$0")/.."
reset=false
case "${1:-}" in
  "") ;;
  --reset) reset=true ;;
  *) echo "Usage: bash scripts/stop.sh [--reset]" >&2; exit 2 ;;
esac

as_postgres() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
compose() { if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi; }

# start.sh records which servers it started: Compose services or local processes.
if [ "$(cat .data/servers 2>/dev/null)" = compose ]; then
  docker info >/dev/null 2>&1 || { echo "The servers run under Docker Compose, but no Docker engine answers." >&2; exit 1; }
  if $reset; then compose down -v || exit 1; else compose stop || exit 1; fi
fi

# PostgreSQL's data lives in .data/postgres, or where .data/postgres.path says (a checkout the postgres user cannot reach).
data=.data/postgres
[ -s .data/postgres.path ] && data=$(cat .data/postgres.path)
pg_stopped=true
if [ -s "$data/PG_VERSION" ]; then
  bin=$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ]; then
    pg_stopped=false
  elif as_postgres "$bin" -D "$data" status >/dev/null 2>&1; then
    if as_postgres "$bin" -D "$data" stop -m fast >/dev/null; then echo "PostgreSQL stopped."; else pg_stopped=false; fi
  fi
fi

# Redis is asked to shut down on its own port (a stale pid file could name another process).
redis_stopped=true
redis_port=$( [ -s .data/shop.env ] && . .data/shop.env && echo "${ConnectionStrings__Redis##*:}")
if [ -n "$redis_port" ] && redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
  redis-cli -p "$redis_port" shutdown >/dev/null 2>&1
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 || break; sleep 0.1; done
  if redis-cli -p "$redis_port" ping >/dev/null 2>&1; then redis_stopped=false; else echo "Redis stopped."; fi
fi

if ! $reset; then
  echo "Servers stopped; their data is kept (bash scripts/stop.sh --reset deletes it)."
  exit 0
fi
if ! $pg_stopped || ! $redis_stopped; then
  echo "A server is still running; nothing was deleted." >&2
  exit 1
fi
if [[ $data =~ ^/var/tmp/shop-quickstart-[0-9a-f]{12}/postgres$ ]]; then
  rm -rf "$(dirname "$data")" || { echo "Could not delete $(dirname "$data")." >&2; exit 1; }
fi
rm -rf .data || { echo "Could not delete .data/." >&2; exit 1; }
echo "Data deleted: the next 'bash scripts/start.sh' begins empty."
