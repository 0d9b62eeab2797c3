#!/usr/bin/env bash
# The committed OpenAPI document, docs/openapi.json: the document the host serves at /openapi/v1.json.
#   bash scripts/openapi.sh export   rewrite docs/openapi.json from the live host: runs the functional test that
#                                    compares the two (CommittedOpenApiDocumentTests) with SHOP_UPDATE_OPENAPI=1; its
#                                    fixture starts PostgreSQL and Redis from the local binaries, as every test does
#   bash scripts/openapi.sh lint     lint docs/openapi.json with Spectral (spectral:oas) and Redocly (recommended),
#                                    pinned in tools/openapi-lint (installed there with npm ci when missing); prints
#                                    every problem and each tool's counts, exits non-zero when either reports an error
# Needs no running servers and no Docker; lint needs Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
document=docs/openapi.json
lint_dir=tools/openapi-lint

export_document() {
  SHOP_UPDATE_OPENAPI=1 dotnet test tests/WebApi.FunctionalTests -c Release -nologo -v quiet \
    --filter "FullyQualifiedName~Shop.WebApi.FunctionalTests.Operations.CommittedOpenApiDocumentTests"
  echo "$document: $(wc -c <"$document") bytes"
}

install_linters() {
  # node_modules/.package-lock.json is what npm ci last installed; reinstall when package-lock.json is newer.
  if [ ! -x "$lint_dir/node_modules/.bin/spectral" ] || [ ! -x "$lint_dir/node_modules/.bin/redocly" ] \
     || [ "$lint_dir/package-lock.json" -nt "$lint_dir/node_modules/.package-lock.json" ]; then
    (cd "$lint_dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
}

lint_document() {
  install_linters
  local status=0 input
  reports=$(mktemp -d)
  trap 'rm -rf "$reports"' EXIT
  input=$(realpath "$document")
  echo "Spectral $("$lint_dir/node_modules/.bin/spectral" --version) (spectral:oas), $document ($(wc -c <"$document") bytes)"
  # Exit status 1 is "errors found"; the summary reads them from the report. Anything else is a failure to run.
  local spectral_status=0
  (cd "$lint_dir" && node_modules/.bin/spectral lint --ruleset .spectral.yaml --format json --output "$reports/spectral.json" \
    --quiet "$input") || spectral_status=$?
  [ "$spectral_status" -le 1 ] || { echo "spectral failed to run (exit $spectral_status)" >&2; status=1; }
  node "$lint_dir/summarize.mjs" spectral "$reports/spectral.json" || status=1

  echo "Redocly $(cd "$lint_dir" && REDOCLY_SUPPRESS_NOTIFICATIONS=true node_modules/.bin/redocly --version 2>/dev/null) (recommended)"
  local redocly_status=0
  (cd "$lint_dir" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_NOTIFICATIONS=true \
    node_modules/.bin/redocly lint --config redocly.yaml --format json "$input" >"$reports/redocly.json" 2>"$reports/redocly.err") \
    || redocly_status=$?
  [ "$redocly_status" -le 1 ] || { cat "$reports/redocly.err" >&2; echo "redocly failed to run (exit $redocly_status)" >&2; status=1; }
  node "$lint_dir/summarize.mjs" redocly "$reports/redocly.json" || status=1
  return "$status"
}

case "${1:-}" in
  export) export_document ;;
  lint) lint_document ;;
  *) echo "usage: bash scripts/openapi.sh export|lint" >&2; exit 2 ;;
esac
