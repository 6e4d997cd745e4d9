#!/usr/bin/env bash
# Fuzzes the ISO 8583 frame parser (FrameCheck) with AFL++ through SharpFuzz. docs/fuzzing.md has the record.
#
#   tests/ActorSwitch.Iso8583.Fuzz/run-afl.sh [SECONDS] [FINDINGS_DIR]
#
# SECONDS defaults to 660 (afl-fuzz -V). FINDINGS_DIR defaults to .fuzz/iso8583-<timestamp> at the
# repository root (.fuzz/ is gitignored); it must not exist yet. Needs the OS package afl++.
# Builds and instruments under /tmp/actorswitch-build.lock (the machine is shared); afl-fuzz itself
# runs outside the lock, on one core.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-660}"
findings="${2:-$root/.fuzz/iso8583-$(date +%Y%m%d-%H%M%S)}"
lock=/tmp/actorswitch-build.lock
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 1; }
if [ -e "$findings" ]; then echo "$findings exists: pass a new findings directory" >&2; exit 1; fi

cd "$root"
flock "$lock" dotnet tool restore
flock "$lock" dotnet build "$here/ActorSwitch.Iso8583.Fuzz.csproj" -c Release
out="$here/bin/Release/net10.0"
# Instrument a fresh copy of the codec (an earlier run leaves the output's copy instrumented already).
cp "$root/src/ActorSwitch.Iso8583/bin/Release/net10.0/ActorSwitch.Iso8583.dll" "$out/ActorSwitch.Iso8583.dll"
flock "$lock" dotnet sharpfuzz "$out/ActorSwitch.Iso8583.dll"

# dotnet is not an AFL-instrumented binary: the coverage comes from the instrumented DLL and the
# fork server from SharpFuzz. The child is restarted with `dotnet <dll>`, so run it that way.
export AFL_SKIP_BIN_CHECK=1
export AFL_NO_UI=1
export AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_SKIP_CPUFREQ=1
export AFL_NO_AFFINITY=1              # two shared cores: do not pin
export AFL_FORKSRV_INIT_TMOUT=60000   # dotnet start-up on a busy machine
mkdir -p "$(dirname "$findings")"
echo "findings: $findings"
afl-fuzz -i "$here/corpus" -o "$findings" -t 5000 -m none -V "$seconds" -- dotnet "$out/ActorSwitch.Iso8583.Fuzz.dll"
echo "findings: $findings"
cat "$findings/default/fuzzer_stats"
