#!/usr/bin/env bash
# Runs every test of the solution against real PostgreSQL and Redis servers, which the test
# fixtures start themselves. Installs the server packages first when they are missing (Debian).
# Ends with one line: "N passed, N failed, N skipped"; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

install_missing() {
  local wanted=()
  command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || wanted+=(redis-server)
  command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || wanted+=(postgresql)
  if [ ${#wanted[@]} -gt 0 ] && [ -z "${SHOP_TEST_POSTGRES:-}${SHOP_TEST_REDIS:-}" ]; then
    echo "Installing ${wanted[*]} ..."
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${wanted[@]}" >/dev/null \
      || echo "Could not install ${wanted[*]}: the tests will say what is missing."
  fi
}

install_missing
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test Shop.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary line per test assembly; add them up.
read -r passed failed skipped assemblies < <(grep -aE '(Passed|Failed)!  - Failed:' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3; n++} END {print p+0, f+0, s+0, n+0}')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A build error or a crashed test host: count it, so the summary never reads as green.
  failed=1
fi
if [ "$assemblies" -eq 0 ] || [ "$passed" -eq 0 ]; then
  failed=$((failed > 0 ? failed : 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
