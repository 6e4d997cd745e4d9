#!/bin/bash
# mix.sh NAME [extra loadrun args]: the issue-6 measurement: 500 terminals, closed loop, purchase mix, 30 s after 10 s warm-up.
# Results in ${LR_OUT:-/tmp/lr}/NAME/ and a one-line summary (answers/s, p50, p99 in ms, CPU per process).
# Run it under the build lock: flock /tmp/actorswitch-build.lock perf/ActorSwitch.LoadRunner/profiling/mix.sh base
name=$1; shift
out=${LR_OUT:-/tmp/lr}; mkdir -p $out
cd "$(dirname "$0")/../../.." && perf/ActorSwitch.LoadRunner/loadrun.sh purchase --terminals 500 --closed --duration 30 --warmup 10 \
  --mix purchase=85,balance=5,void=5,reversal=5 --out $out/$name --quiet "$@" > $out/$name.console 2>&1
echo "$name: $(grep 'purchase mix  ' $out/$name.console | awk '{print "ok/s",$9,"p50",$10,"p99",$12}') | $(grep -A2 'purchase mix:' $out/$name.console | grep cpu | sed 's/.*seconds): //')"
