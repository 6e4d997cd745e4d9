# Buckets perf-script samples (one blank-line-separated stack each) by the first matching pattern, in this order.
import sys, re, collections
# perf script output: sample header line, then stack lines, blank line between samples
cats = [
 ("config file watcher (inotify on the data dir)", re.compile(r"fsnotify|inotify|FileSystemWatcher")),
 ("thread-pool idle spin / wake (sched_yield, semaphore)", re.compile(r"LowLevelLifoSemaphore|sched_yield|PortableThreadPool\+WorkerThread::WorkerThreadStart.*\n(?!.*Dispatch)")),
 ("journal: fsync", re.compile(r"\bfsync\b|do_fsync")),
 ("journal: SQLite (pwrite, VDBE, WAL)", re.compile(r"sqlite3|libe_sqlite3|pwrite|walChecksum|Microsoft\.Data\.Sqlite")),
 ("terminal entity", re.compile(r"TerminalEntity|RiskEngine|TerminalState")),
 ("centre link", re.compile(r"CentreLink|CentreConnection|CentreWire")),
 ("POS connection", re.compile(r"PosConnection|PosListener")),
 ("crypto (DES, PAN encryption)", re.compile(r"BouncyCastle|libcrypto|SecurityModule")),
 ("journal: linq2db + Akka.Persistence.Sql + Akka.Streams", re.compile(r"linq2db|LinqToDB|Akka\.Persistence\.Sql|Akka\.Streams")),
 ("Akka.Persistence (journal actor, eventsourced)", re.compile(r"Akka\.Persistence")),
 ("JIT", re.compile(r"libclrjit")),
 ("GC", re.compile(r"gc_heap|GCHeap|WKS::|SVR::|GarbageCollect")),
 ("Akka actors / dispatch / remoting", re.compile(r"\[Akka\]|Akka\.|Akka\.Remote|Akka\.Cluster")),
 ("sockets / epoll", re.compile(r"System\.Net\.Sockets|epoll|tcp_|__send|recv|Pipelines")),
 ("context switch (kernel, other)", re.compile(r"finish_task_switch|__schedule")),
]
counts = collections.Counter(); total = 0
buf = []
def flush():
    global total
    if not buf: return
    s = "\n".join(buf); total += 1
    for name, rx in cats:
        if rx.search(s): counts[name] += 1; break
    else: counts["other"] += 1
for line in sys.stdin:
    if line.strip() == "":
        flush(); buf = []
    else: buf.append(line.rstrip())
flush()
for k, v in counts.most_common(): print(f"{100.0*v/total:5.1f}%  {k}")
print("samples", total)
