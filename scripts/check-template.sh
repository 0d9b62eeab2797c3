#!/usr/bin/env bash
# Checks the shop-usecase item template (templates/shop-usecase) end to end, as CI runs it:
#   1. copies the repository to a throwaway directory (without bin/, obj/, .git, TestResults),
#   2. installs the template into a throwaway template hive (the user's `dotnet new` list is not touched),
#   3. scaffolds a use case in the copy (default: Catalog/ArchiveProduct),
#   4. builds it (warnings are errors; the mediator's generator in WebApi fails the build on a command without
#      a handler), runs the architecture tests and the scaffolded unit tests.
# Never modifies the real repository. Exits non-zero on any failure.
# Usage: scripts/check-template.sh [Module] [UseCaseName]      e.g. scripts/check-template.sh Ordering ArchiveOrder
set -euo pipefail

module="${1:-Catalog}"
name="${2:-ArchiveProduct}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/shop-check-template.XXXXXX")"
copy="$work/repo"
hive="$work/template-hive"
trap 'rm -rf "$work"' EXIT
started=$SECONDS

step() { printf '\n==> %s (%ss)\n' "$*" "$((SECONDS - started))"; }
fail() { printf '\ncheck-template: FAILED: %s\n' "$*" >&2; exit 1; }

step "Copying $repo to $copy"
mkdir -p "$copy"
tar -C "$repo" --exclude=./.git --exclude=bin --exclude=obj --exclude=TestResults -cf - . | tar -C "$copy" -xf -

# Build and test output stays inside $work; no MSBuild worker node outlives the script.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
build=(--nologo -v quiet -nodeReuse:false)

step "Installing the template into a throwaway hive"
dotnet new install "$copy/templates/shop-usecase" --debug:custom-hive "$hive" >/dev/null

step "Scaffolding $module/$name"
(cd "$copy" && dotnet new shop-usecase -n "$name" --module "$module" --debug:custom-hive "$hive")
source_file="$copy/src/Application/$module/$name/$name.cs"
test_file="$copy/tests/Application.UnitTests/$module/${name}Tests.cs"
[ -f "$source_file" ] || fail "the template did not create src/Application/$module/$name/$name.cs"
[ -f "$test_file" ] || fail "the template did not create tests/Application.UnitTests/$module/${name}Tests.cs"
grep -q "namespace Shop.Application.$module.$name;" "$source_file" || fail "wrong namespace in $name.cs"
grep -q "internal sealed class ${name}Handler" "$source_file" || fail "no internal sealed ${name}Handler"
grep -q "internal sealed class ${name}Validator" "$source_file" || fail "no internal sealed ${name}Validator"
if grep -n -E 'UseCase|ShopModule' "$source_file" "$test_file"; then fail "template tokens left in the generated files"; fi

step "Building the architecture tests (Domain, Application, Infrastructure, WebApi, offenders) and the unit tests"
(cd "$copy" && dotnet build tests/ArchitectureTests "${build[@]}") || fail "the scaffolded use case does not build"
(cd "$copy" && dotnet build tests/Application.UnitTests "${build[@]}") || fail "the scaffolded unit test does not build"
grep -qa "${name}Command" "$copy/src/Application/bin/Debug/net10.0/Shop.Application.dll" \
  || fail "${name}Command is not in the built Shop.Application.dll"

step "Running the architecture tests on the result"
(cd "$copy" && dotnet test tests/ArchitectureTests --no-build --nologo) || fail "the architecture tests fail on the scaffolded use case"

step "Running the scaffolded unit tests"
(cd "$copy" && dotnet test tests/Application.UnitTests --no-build --nologo --filter "FullyQualifiedName~Shop.Application.UnitTests.$module.${name}Tests") \
  || fail "the scaffolded unit tests fail"

step "check-template: OK ($module/$name)"
