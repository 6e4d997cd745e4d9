#!/bin/bash
# prof.sh NAME DELAY SECS [loadrun args]: the mix with the node sampled on CPU by perf (499 Hz, call graphs, JIT frames
# named through the perf map) and its runtime counters (dotnet-counters), SECS seconds from DELAY seconds into the run.
# Then: perf script -i $out/NAME/node.perf.data | python3 perf/ActorSwitch.LoadRunner/profiling/classify.py
# (copy $out/NAME/perf-PID.map back to /tmp first: the runner deletes it when it stops the node).
name=$1; delay=$2; secs=$3; shift 3
out=${LR_OUT:-/tmp/lr}/$name; mkdir -p $out
root="$(cd "$(dirname "$0")/../../.." && pwd)"
(cd $root && DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf/ActorSwitch.LoadRunner/loadrun.sh purchase --terminals 500 --closed \
  --duration 40 --warmup 10 --mix purchase=85,balance=5,void=5,reversal=5 --out $out --quiet "$@" > $out/console.txt 2>&1) &
lr=$!
sleep $delay
pid=$(pgrep -f "ActorSwitch.Node.dll.*actorswitch-loadrun" | head -1)
echo "$pid" > $out/pid.txt
(cd $root && timeout $((secs + 15)) dotnet dotnet-counters collect -p $pid --format csv -o $out/node-counters.csv --duration 00:00:00:$secs --counters System.Runtime > /dev/null 2>&1) &
perf record -F 499 -g -p $pid -o $out/node.perf.data -- sleep $secs > /dev/null 2>&1
cp /tmp/perf-$pid.map $out/
wait $lr
