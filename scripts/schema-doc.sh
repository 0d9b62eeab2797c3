#!/usr/bin/env bash
# Regenerates docs/database-schema.md from the code: builds tools/SchemaDoc, which applies the migrations to a
# database and writes the document read back from it (tables, columns and comments, indexes, foreign keys, the
# EF Core model's entities and their public methods, CacheKeys.Patterns, the migration history).
#   bash scripts/schema-doc.sh                    a throwaway PostgreSQL from the local binaries, started the way the
#                                                 tests start theirs (tests/TestSupport) and removed afterwards
#   ConnectionStrings__Postgres='Host=...' bash scripts/schema-doc.sh
#                                                 that database instead (the migrations are applied to it first)
#   bash scripts/schema-doc.sh --output PATH      write elsewhere
# No quick-start servers and no Redis are needed. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ConnectionStrings__Postgres:-}" ] && ! command -v initdb >/dev/null 2>&1 \
   && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "Installing postgresql (its server binaries run the throwaway database) ..."
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null \
    || echo "Could not install postgresql: the tool will say what is missing." >&2
fi
dotnet build tools/SchemaDoc -c Release -nologo -v quiet
exec dotnet tools/SchemaDoc/bin/Release/net10.0/Shop.SchemaDoc.dll "$@"
