#!/bin/sh
# Run once by the postgres image when it initialises its data: let the compose network's replica stream the log.
set -eu
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
