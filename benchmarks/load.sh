#!/usr/bin/env bash
# Load benchmarks against a real API process (run by hand; numbers are only comparable within one run):
#   bash benchmarks/load.sh write [--clients 32] [--seconds 15] [--payers 200] [--hot-stock 50]
#   bash benchmarks/load.sh read  [--clients 32] (wrk opens twice as many connections) [--seconds 10]
#   bash benchmarks/load.sh webhooks [--clients 32] [--seconds 15]   (paid orders/s without and with one subscription, delivery lag)
# PostgreSQL and Redis are started by the test harness on free loopback ports and removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: bash benchmarks/load.sh write|read|webhooks [options]}
shift
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
dotnet build src/WebApi -c Release -nologo -v quiet
dotnet build benchmarks/Shop.Load -c Release -nologo -v quiet
exec dotnet benchmarks/Shop.Load/bin/Release/net10.0/Shop.Load.dll "$mode" src/WebApi/bin/Release/net10.0/Shop.WebApi.dll "$@"
