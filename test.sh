#!/usr/bin/env bash
# The one test command (README): restore, build Release once, run every test project.
# Tests that need servers (the node, the centre simulator, later PostgreSQL) start them
# themselves from the build output.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build ActorSwitch.sln -c Release

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test ActorSwitch.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over every test assembly.
awk '/^ +Passed: +[0-9]+$/ { p += $2 } /^ +Failed: +[0-9]+$/ { f += $2 } END { printf "Tests: %d passed, %d failed\n", p, f }' "$log"
exit "$status"
