#!/bin/bash
# stat.sh NAME DELAY SECS [loadrun args]: mix.sh, plus syscall and context-switch counts of the node (perf stat, tracepoints)
# over SECS seconds starting DELAY seconds into the run, in ${LR_OUT:-/tmp/lr}/NAME.stat
name=$1; delay=$2; secs=$3; shift 3
out=${LR_OUT:-/tmp/lr}; mkdir -p $out
( sleep $delay; pid=$(pgrep -f "ActorSwitch.Node.dll.*actorswitch-loadrun" | head -1); echo "pid $pid" > $out/$name.stat
  perf stat -e 'syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync,syscalls:sys_enter_pwrite64,syscalls:sys_enter_write,syscalls:sys_enter_sched_yield,syscalls:sys_enter_futex,context-switches,task-clock' \
    -p $pid -- sleep $secs >> $out/$name.stat 2>&1 ) &
"$(dirname "$0")/mix.sh" $name "$@"
wait
