#!/usr/bin/env bash
# Stops the servers scripts/start.sh started (Compose services, or the local ones under .data/).
set -uo pipefail
cd "$(dirname "$0")/.."
if docker info >/dev/null 2>&1; then
  if docker compose version >/dev/null 2>&1; then docker compose stop; else docker-compose stop; fi
fi
data=.data/postgres
[ -s .data/postgres.path ] && data=$(cat .data/postgres.path)
if [ -s "$data/PG_VERSION" ]; then
  bin=$(command -v pg_ctl || ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$bin" -D "$data" stop -m fast); else "$bin" -D "$data" stop -m fast; fi
fi
[ -s .data/redis/redis.pid ] && kill "$(cat .data/redis/redis.pid)" 2>/dev/null
echo "Servers stopped. Data stays in .data/ (delete it for a fresh start)."
