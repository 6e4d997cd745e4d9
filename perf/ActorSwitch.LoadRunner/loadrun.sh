#!/usr/bin/env bash
# Runs the load runner from its build output with the open-file limit raised to the hard limit
# (each simulated terminal holds a socket; 10,000 terminals need more than the usual 1,024).
#   perf/ActorSwitch.LoadRunner/loadrun.sh purchase --terminals 2000 --rate 10000 --duration 60 --baseline raw,pos
# Build first: dotnet build perf/ActorSwitch.LoadRunner -c Release
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
for dll in "$here/ActorSwitch.LoadRunner.dll" "$here/bin/Release/net10.0/ActorSwitch.LoadRunner.dll" "$here/bin/Debug/net10.0/ActorSwitch.LoadRunner.dll"; do
  if [[ -f "$dll" ]]; then exec dotnet "$dll" "$@"; fi
done
echo "ActorSwitch.LoadRunner is not built: dotnet build perf/ActorSwitch.LoadRunner -c Release" >&2
exit 2
