#!/usr/bin/env bash
# The one test command (README): restore, build Release once, run every test project.
# Tests that need servers (the node, the centre simulator, later PostgreSQL) start them
# themselves from the build output.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build ActorSwitch.sln -c Release
dotnet test ActorSwitch.sln -c Release --no-build --logger "console;verbosity=normal"
