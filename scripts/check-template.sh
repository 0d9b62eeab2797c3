#!/usr/bin/env bash
# Checks the shop-usecase item template (templates/shop-usecase) end to end, as CI runs it:
#   1. copies the repository to a throwaway directory (without bin/, obj/, .git, TestResults, node_modules),
#   2. installs the template into a throwaway template hive (the user's `dotnet new` list is not touched),
#   3. scaffolds one use case per mode in the copy:
#        Module/Name (default Catalog/ArchiveProduct)   a command raising a domain event (--kind command, the default;
#                                                       --event <Name's module and past tense>, ProductArchived by default)
#        Catalog/GetLowStockProducts                    a query                         (--kind query)
#        Identity/ConfirmEmail                          a command, endpoint, functional test (--endpoint true --functional-test true)
#        Ordering/GetOrderSummary                       a query, endpoint, functional test   (--kind query --functional-test true)
#      and maps each endpoint as the generated file says (one line in the module's Map…Endpoints),
#   4. builds them once (warnings are errors; the mediator's generator in WebApi fails the build on a message without
#      a handler), runs the architecture tests, the scaffolded unit tests and the scaffolded functional tests (the
#      real host on the PostgreSQL and Redis the test fixtures start).
# Never modifies the real repository. Exits non-zero on any failure.
# Usage: scripts/check-template.sh [Module] [UseCaseName] [Event]   e.g. scripts/check-template.sh Ordering ArchiveOrder OrderArchived
set -euo pipefail

module="${1:-Catalog}"
name="${2:-ArchiveProduct}"
event="${3:-ProductArchived}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/shop-check-template.XXXXXX")"
copy="$work/repo"
hive="$work/template-hive"
trap 'rm -rf "$work"' EXIT
started=$SECONDS

step() { printf '\n==> %s (%ss)\n' "$*" "$((SECONDS - started))"; }
fail() { printf '\ncheck-template: FAILED: %s\n' "$*" >&2; exit 1; }

# module name kind endpoint functional-test event ("-": none)
scaffolds=(
  "$module $name command false false $event"
  "Catalog GetLowStockProducts query false false -"
  "Identity ConfirmEmail command true true -"
  "Ordering GetOrderSummary query false true -"
)

step "Copying $repo to $copy"
mkdir -p "$copy"
tar -C "$repo" --exclude=./.git --exclude=bin --exclude=obj --exclude=TestResults --exclude=node_modules -cf - . | tar -C "$copy" -xf -

# Build and test output stays inside $work; no MSBuild worker node outlives the script.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
build=(--nologo -v quiet -nodeReuse:false)

step "Installing the template into a throwaway hive"
dotnet new install "$copy/templates/shop-usecase" --debug:custom-hive "$hive" >/dev/null

unit_filters=()
functional_filters=()
messages=()
for scaffold in "${scaffolds[@]}"; do
  read -r m n kind endpoint functional ev <<<"$scaffold"
  event_option=()
  [ "$ev" = - ] || event_option=(--event "$ev")
  step "Scaffolding $m/$n (--kind $kind --endpoint $endpoint --functional-test $functional ${event_option[*]})"
  (cd "$copy" && dotnet new shop-usecase -n "$n" --module "$m" --kind "$kind" --endpoint "$endpoint" --functional-test "$functional" \
    "${event_option[@]}" --debug:custom-hive "$hive")
  source_file="$copy/src/Application/$m/$n/$n.cs"
  test_file="$copy/tests/Application.UnitTests/$m/${n}Tests.cs"
  endpoint_file="$copy/src/WebApi/$m/${n}Endpoint.cs"
  functional_file="$copy/tests/WebApi.FunctionalTests/$m/${n}EndpointTests.cs"
  [ -f "$source_file" ] || fail "the template did not create src/Application/$m/$n/$n.cs"
  [ -f "$test_file" ] || fail "the template did not create tests/Application.UnitTests/$m/${n}Tests.cs"
  grep -q "namespace Shop.Application.$m.$n;" "$source_file" || fail "wrong namespace in $n.cs"
  grep -q "internal sealed class ${n}Handler" "$source_file" || fail "no internal sealed ${n}Handler"
  grep -q "internal sealed class ${n}Validator" "$source_file" || fail "no internal sealed ${n}Validator"
  message="${n}Command"
  if [ "$kind" = query ]; then
    message="${n}Query"
    grep -q "public sealed record ${n}Query(Guid Id) : IQuery<${n}Response>;" "$source_file" || fail "$n.cs is not a query"
    grep -q "ICommand" "$source_file" && fail "the query $n.cs names ICommand"
  else
    grep -q "public sealed record ${n}Command(Guid Id) : ICommand;" "$source_file" || fail "$n.cs is not a command"
  fi
  generated=("$source_file" "$test_file")
  if [ "$ev" != - ]; then
    event_file="$copy/src/Domain/$m/$ev.cs"
    [ -f "$event_file" ] || fail "the template did not create src/Domain/$m/$ev.cs"
    grep -q "namespace Shop.Domain.$m;" "$event_file" || fail "wrong namespace in $ev.cs"
    grep -q "public sealed record $ev(Guid AggregateId) : IDomainEvent;" "$event_file" || fail "$ev.cs is not a domain event"
    grep -q "raises $ev (src/Domain/$m/$ev.cs)" "$source_file" || fail "$n.cs does not say which event its aggregate raises"
    generated+=("$event_file")
  elif [ -e "$copy/src/Domain/$m/.cs" ] || [ -e "$copy/src/Domain/$m/DomainEventName.cs" ] || grep -q "HasEvent\|raises " "$source_file"; then
    fail "the template created a domain event without --event"
  fi
  if [ "$endpoint" = true ] || [ "$functional" = true ]; then
    [ -f "$endpoint_file" ] || fail "the template did not create src/WebApi/$m/${n}Endpoint.cs"
    generated+=("$endpoint_file")
    # Map it the way the generated file says: one line in the module's Map…Endpoints, before its `return app;`.
    endpoints_file="$(grep -o "src/WebApi/$m/[A-Za-z]*Endpoints\.cs" "$endpoint_file" | head -n 1)"
    [ -n "$endpoints_file" ] && [ -f "$copy/$endpoints_file" ] || fail "${n}Endpoint.cs does not name its module's endpoints file"
    grep -q "app.Map$n();" "$endpoint_file" || fail "${n}Endpoint.cs does not say to add app.Map$n();"
    awk -v line="        app.Map$n();" '!done && /^        return app;$/ { print line; done = 1 } { print }' \
      "$copy/$endpoints_file" >"$work/endpoints.cs" && mv "$work/endpoints.cs" "$copy/$endpoints_file"
    grep -q "app.Map$n();" "$copy/$endpoints_file" || fail "could not map the endpoint in $endpoints_file"
  else
    [ -e "$endpoint_file" ] && fail "the template created ${n}Endpoint.cs without --endpoint"
  fi
  if [ "$functional" = true ]; then
    [ -f "$functional_file" ] || fail "the template did not create tests/WebApi.FunctionalTests/$m/${n}EndpointTests.cs"
    generated+=("$functional_file")
    functional_filters+=("FullyQualifiedName~Shop.WebApi.FunctionalTests.$m.${n}EndpointTests")
  else
    [ -e "$functional_file" ] && fail "the template created ${n}EndpointTests.cs without --functional-test"
  fi
  if grep -n -E 'UseCase|ShopModule|shop-module-route|use-case-route|ModuleEndpointsClass|DomainEventName|IsQuery|WithEndpoint|HasEvent|^#(if|else|endif)' "${generated[@]}"; then
    fail "template tokens left in the generated files of $m/$n"
  fi
  unit_filters+=("FullyQualifiedName~Shop.Application.UnitTests.$m.${n}Tests")
  messages+=("$message")
done

step "Building once: the architecture tests (Domain, Application, Infrastructure, WebApi, offenders), the unit tests, the functional tests"
cat >"$copy/check-template.slnf" <<'EOF'
{
  "solution": {
    "path": "Shop.sln",
    "projects": [
      "tests/ArchitectureTests/ArchitectureTests.csproj",
      "tests/Application.UnitTests/Application.UnitTests.csproj",
      "tests/WebApi.FunctionalTests/WebApi.FunctionalTests.csproj"
    ]
  }
}
EOF
(cd "$copy" && dotnet build check-template.slnf "${build[@]}") || fail "the scaffolded use cases do not build"
for message in "${messages[@]}"; do
  grep -qa "$message" "$copy/src/Application/bin/Debug/net10.0/Shop.Application.dll" \
    || fail "$message is not in the built Shop.Application.dll"
done

step "Running the architecture tests on the result"
if ! (cd "$copy" && dotnet test tests/ArchitectureTests --no-build --nologo) >"$work/architecture.log" 2>&1; then
  cat "$work/architecture.log"
  fail "the architecture tests fail with the scaffolded use cases"
fi
grep -E '^(Passed|Failed)!' "$work/architecture.log" || true

step "Running the scaffolded unit tests"
unit_filter="$(IFS='|'; echo "${unit_filters[*]}")"
(cd "$copy" && dotnet test tests/Application.UnitTests --no-build --nologo --filter "$unit_filter") \
  || fail "the scaffolded unit tests fail"

step "Running the scaffolded functional tests"
functional_filter="$(IFS='|'; echo "${functional_filters[*]}")"
(cd "$copy" && dotnet test tests/WebApi.FunctionalTests --no-build --nologo --filter "$functional_filter") \
  || fail "the scaffolded functional tests fail"

step "check-template: OK (${scaffolds[*]})"
