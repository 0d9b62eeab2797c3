#!/bin/sh
# A streaming replica of the `postgres` service: a base backup on first start (-R writes standby.signal and
# primary_conninfo), then the server in hot standby. Runs as the image's postgres user.
set -eu
data=/var/lib/postgresql/data/pgdata
if [ ! -s "$data/PG_VERSION" ]; then
  mkdir -p "$data"
  chmod 700 "$data"
  until PGPASSWORD="$POSTGRES_PASSWORD" pg_basebackup -h postgres -U "$POSTGRES_USER" -D "$data" -R -X stream; do
    echo "waiting for the primary to accept a base backup ..."
    sleep 2
  done
fi
exec postgres -D "$data" -c hot_standby=on
