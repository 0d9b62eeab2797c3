#!/usr/bin/env bash
# Quick start: PostgreSQL + Redis (Docker Compose when a Docker engine answers, else local binaries
# with data under .data/), migrations, demo data, then the API on http://localhost:5080 (Ctrl-C stops it).
# Stop the servers with: bash scripts/stop.sh (add --reset to delete their data as well)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PG_PORT=${SHOP_PG_PORT:-55432}
REDIS_PORT=${SHOP_REDIS_PORT:-56379}
API_URL=${SHOP_API_URL:-http://localhost:5080}
API_PORT=${API_URL##*:}; API_PORT=${API_PORT%%/*}; [[ $API_PORT =~ ^[0-9]+$ ]] || API_PORT=80

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
api_live() (
  { exec 3<>"/dev/tcp/127.0.0.1/$API_PORT"; } 2>/dev/null || exit 1
  printf 'GET /health/live HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  timeout 2 head -n 1 <&3 | grep -q ' 200 '
)

as_postgres() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

pg_bin() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_missing() {
  local wanted=()
  command -v redis-server >/dev/null 2>&1 || wanted+=(redis-server)
  [ -n "$(pg_bin)" ] || wanted+=(postgresql)
  if [ ${#wanted[@]} -gt 0 ]; then
    echo "Installing ${wanted[*]} ..."
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${wanted[@]}" >/dev/null
  fi
}

# PostgreSQL runs as the postgres user when we are root; if it cannot reach the repository
# (a checkout under /root, say), its data goes to /var/tmp and .data/postgres.path says where.
pg_data_dir() {
  if [ "$(id -u)" -ne 0 ] || runuser -u postgres -- test -x "$root/.data"; then
    echo "$root/.data/postgres"
  else
    echo "/var/tmp/shop-quickstart-$(printf %s "$root" | sha256sum | cut -c1-12)/postgres"
  fi
}

start_local_servers() {
  install_missing
  local bin data
  bin=$(pg_bin)
  mkdir -p "$root/.data/redis"
  chmod 755 "$root/.data"
  data=$(pg_data_dir)
  echo "$data" > "$root/.data/postgres.path"
  echo "PostgreSQL data: $data"
  if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    chmod 755 "$(dirname "$data")"
    [ "$(id -u)" -eq 0 ] && chown postgres "$data"
    as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    # TCP on loopback only: no Unix socket, whose path would be too long under a deep checkout.
    as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null
  else
    local running_port
    running_port=$(sed -n 4p "$data/postmaster.pid" 2>/dev/null)
    if [ -n "$running_port" ] && [ "$running_port" != "$PG_PORT" ]; then
      echo "PostgreSQL from an earlier start runs on port $running_port, not $PG_PORT; stop it first (bash scripts/stop.sh) or keep its port: SHOP_PG_PORT=$running_port bash scripts/start.sh" >&2
      exit 1
    fi
  fi
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    # Bounded memory that never evicts a session or idempotency record: writes fail instead (docs/operations.md).
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$root/.data/redis" --daemonize yes \
      --maxmemory 256mb --maxmemory-policy noeviction \
      --pidfile "$root/.data/redis/redis.pid" --logfile "$root/.data/redis/redis.log" >/dev/null
  fi
  for _ in $(seq 1 50); do
    if psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'select 1' >/dev/null 2>&1 && redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then break; fi
    sleep 0.2
  done
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc "select 1 from pg_database where datname = 'shop'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc 'create database shop'
}

compose() { if docker compose version >/dev/null 2>&1; then docker compose "$@"; else docker-compose "$@"; fi; }
SERVERS=local
docker info >/dev/null 2>&1 && SERVERS=compose

# Which of this script's own servers, from an earlier start, listens on the port: those are reused, not reported.
compose_running() { [ -n "$(compose ps -q --status running "$1" 2>/dev/null)" ]; }
own_postgres() {
  if [ "$SERVERS" = compose ]; then compose_running postgres; return; fi
  local bin data
  bin=$(pg_bin); data=$(pg_data_dir)
  [ -n "$bin" ] && [ "$(sed -n 4p "$data/postmaster.pid" 2>/dev/null)" = "$PG_PORT" ] \
    && as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}
own_redis() {
  if [ "$SERVERS" = compose ]; then compose_running redis; return; fi
  local dir
  dir=$(cd "$root/.data/redis" 2>/dev/null && pwd -P) || return 1
  [ "$(timeout 2 redis-cli -p "$REDIS_PORT" config get dir 2>/dev/null | sed -n 2p)" = "$dir" ]
}
# Already serving here: make sure its servers and data are there, then reuse it rather than fail on the busy port.
already_serving=false
own_api() { api_live && already_serving=true; }

# A port some other program listens on: say which, and how to choose another, before starting anything.
# The suggested command sets a free port for every taken one and keeps the ports chosen by the caller.
declare -A chosen_ports=([$PG_PORT]=SHOP_PG_PORT [$REDIS_PORT]=SHOP_REDIS_PORT [$API_PORT]=SHOP_API_URL)
taken=()
check_port() { # PORT SERVICE VARIABLE OWN-CHECK
  if port_open "$1" && ! "$4"; then taken+=("$1:$2:$3"); fi
}
free_port_after() { # sets free_port: the first port after $1 that is neither open nor chosen already
  free_port=$1
  while free_port=$((free_port + 1)); [ -n "${chosen_ports[$free_port]:-}" ] || port_open "$free_port"; do :; done
  chosen_ports[$free_port]=suggested
}
with_port() { # VARIABLE PORT: the variable's value with that port
  case $1 in
    SHOP_API_URL) if [[ $API_URL =~ ^([A-Za-z]+://[^/]*):[0-9]+(.*)$ ]]; then echo "${BASH_REMATCH[1]}:$2${BASH_REMATCH[2]}"; else echo "http://localhost:$2"; fi ;;
    *) echo "$2" ;;
  esac
}
check_port "$PG_PORT" PostgreSQL SHOP_PG_PORT own_postgres
check_port "$REDIS_PORT" Redis SHOP_REDIS_PORT own_redis
check_port "$API_PORT" API SHOP_API_URL own_api
if [ ${#taken[@]} -gt 0 ]; then
  declare -A fixed=()
  for entry in "${taken[@]}"; do
    IFS=: read -r port _ var <<< "$entry"
    free_port_after "$port"
    fixed[$var]=$(with_port "$var" "$free_port")
  done
  command=""
  for var in SHOP_PG_PORT SHOP_REDIS_PORT SHOP_API_URL; do
    if [ -n "${fixed[$var]:-}" ]; then command+="$var=${fixed[$var]} "
    elif [ -n "${!var:-}" ]; then command+="$var=${!var} "; fi
  done
  for entry in "${taken[@]}"; do
    IFS=: read -r port service _ <<< "$entry"
    echo "Port $port ($service) is already in use by another program; stop it or choose another port: ${command}bash scripts/start.sh" >&2
  done
  exit 1
fi

PG_USER=postgres
if [ "$SERVERS" = compose ]; then
  echo "Docker engine found: starting PostgreSQL and Redis with Docker Compose."
  export SHOP_PG_PORT=$PG_PORT SHOP_REDIS_PORT=$REDIS_PORT
  compose up -d postgres redis
  PG_USER=shop
  healthy() { [ "$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q "$1")" 2>/dev/null)" = healthy ]; }
  for _ in $(seq 1 60); do
    healthy postgres && healthy redis && break
    sleep 1
  done
  healthy postgres && healthy redis || { echo "PostgreSQL or Redis did not become healthy: see 'docker compose logs'." >&2; exit 1; }
else
  echo "No Docker engine: starting local PostgreSQL (port $PG_PORT) and Redis (port $REDIS_PORT)."
  start_local_servers
fi

export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=shop;Username=$PG_USER;Password=shop"
export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT"
# More administrators: the create-admin verb (docs/operations.md); they are so by record, nothing is listed.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
# The same settings for running the verbs by hand: `. .data/shop.env`; and which servers stop.sh stops.
mkdir -p "$root/.data"
echo "$SERVERS" > "$root/.data/servers"
for name in ConnectionStrings__Postgres ConnectionStrings__Redis; do
  printf 'export %s=%q\n' "$name" "${!name}"
done > "$root/.data/shop.env"

if $already_serving; then
  # Its build is in place: no rebuild under a running process, only the schema and the demo data it needs.
  dotnet run --no-build -c Release --project src/WebApi -- migrate
  dotnet run --no-build -c Release --project src/WebApi -- seed
  echo "The API is already running at $API_URL (API reference: $API_URL/scalar/v1); stop it with Ctrl-C where it runs."
  exit 0
fi

command -v dotnet >/dev/null 2>&1 || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
if ! build_log=$(dotnet build src/WebApi -c Release -v quiet -nologo 2>&1); then
  echo "$build_log" | grep -E " error |rror\(s\)" >&2
  echo "The build failed." >&2
  exit 1
fi
dotnet run --no-build -c Release --project src/WebApi -- migrate
dotnet run --no-build -c Release --project src/WebApi -- seed
echo "API reference: $API_URL/scalar/v1   (OpenAPI: $API_URL/openapi/v1.json)"
exec dotnet run --no-build -c Release --project src/WebApi --urls "$API_URL"
