# Shared by scripts/crash-test.sh and scripts/cluster-test.sh; sourced from the repository root, not run.
# The sourcing script calls start_test first.

# The JDK the wrapper would use: JAVA_HOME when it is a 25+, else the first JDK 25 under /usr/lib/jvm. Sets and
# exports JAVA_HOME, sets JAVA.
is_jdk25() { [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | head -n 1 | grep -qE '"(2[5-9]|[3-9][0-9])([."]|$)'; }
pick_jdk() {
  if [ -z "${JAVA_HOME-}" ] || ! is_jdk25 "$JAVA_HOME"; then
    for jdk in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25*; do
      if is_jdk25 "$jdk"; then JAVA_HOME="$jdk"; break; fi
    done
  fi
  if [ -z "${JAVA_HOME-}" ] || ! is_jdk25 "$JAVA_HOME"; then
    echo "$TEST_NAME: no JDK 25 found; set JAVA_HOME to one" >&2; exit 2
  fi
  export JAVA_HOME
  JAVA="$JAVA_HOME/bin/java"
}

now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
log() { printf '[%s %s] %s\n' "$TEST_NAME" "$(date +%H:%M:%S)" "$*"; }

# start_test NAME: the JDK, the admin token the services start with (exported: the checkers send it with every
# request), the jar and a new temporary folder WORK with WORK/logs. Sets TEST_NAME and T0.
start_test() {
  TEST_NAME=$1
  pick_jdk
  export CANDLEKEEP_SECURITY_ADMIN_TOKEN="ck_${TEST_NAME//-/_}_token_$(date +%s)_$$"
  T0=$(now_ms)
  find_jar
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/candlekeep-${TEST_NAME%-test}.XXXXXX")
  mkdir -p "$WORK/logs"
}

# kill_now PID: SIGKILL and reap it; nothing when PID is empty or gone already.
kill_now() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

# keep_or_remove WHAT: at the end, removes WORK after a PASS (RESULT) unless KEEP=1; else says it kept it, with WHAT.
keep_or_remove() {
  if [ "$KEEP" = 1 ] || [ "$RESULT" != PASS ]; then
    echo "$TEST_NAME: kept $WORK ($1)"
  else
    rm -rf "$WORK"
  fi
}

# Sets JAR to the absolute path of the executable jar, building it when missing.
find_jar() {
  JAR=$(ls candlekeep-app/target/candlekeep-app-*-exec.jar 2>/dev/null | head -n 1 || true)
  if [ -z "$JAR" ]; then
    log "building the executable jar"
    ./mvnw -q -pl candlekeep-app -am package -DskipTests
    JAR=$(ls candlekeep-app/target/candlekeep-app-*-exec.jar | head -n 1)
  fi
  JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
}

# compile_checkers DIR SOURCES...: the checkers run on the service's own libraries, taken out of the jar into DIR/lib
# (no curl, sqlite3, psql or python needed), compiled into DIR/checker. Sets CP; then `check` runs CrashCheck and
# `check_with CLASS` another checker.
compile_checkers() {
  local dir=$1; shift
  mkdir -p "$dir/lib" "$dir/checker"
  (cd "$dir/lib" && "$JAVA_HOME/bin/jar" xf "$JAR" $("$JAVA_HOME/bin/jar" tf "$JAR" \
    | grep -E '^BOOT-INF/lib/(candlekeep-core-|sqlite-jdbc-|postgresql-|jackson-core-3|jackson-databind-3|jackson-annotations-)[^/]*\.jar$'))
  CP=$(find "$dir/lib" -name '*.jar' | tr '\n' ':')
  "$JAVA_HOME/bin/javac" -nowarn -d "$dir/checker" -cp "$CP" "$@"
  CHECKER_DIR="$dir/checker"
}
check() { "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CHECKER_DIR:$CP" CrashCheck "$@"; }
check_with() { local main=$1; shift; "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CHECKER_DIR:$CP" "$main" "$@"; }

# Below the kernel's ephemeral range, so an outgoing connection cannot take the port while the JVM starts.
EPHEMERAL_LOW=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
[ "$EPHEMERAL_LOW" -gt 12000 ] 2>/dev/null || EPHEMERAL_LOW=32768
free_port() {
  local port
  while :; do
    port=$((10000 + RANDOM % (EPHEMERAL_LOW - 10000)))
    # nothing answers there: the connect fails
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}

# spawn_service LOG_FILE ARGS...: starts the jar with ARGS on a free port, without waiting. The java process itself
# is the background job, so LAUNCHED_PID is the JVM's pid. Sets LAUNCHED_PID and LAUNCHED_PORT.
spawn_service() {
  local out=$1; shift
  LAUNCHED_PORT=$(free_port)
  "$JAVA" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -Xmx512m -jar "$JAR" \
    --server.address=127.0.0.1 --server.port="$LAUNCHED_PORT" "$@" >"$out" 2>&1 &
  LAUNCHED_PID=$!
}

# await_service PID PORT LOG_FILE: waits (bounded) until the service is healthy, then checks the pid is a JVM.
await_service() {
  local pid=$1 port=$2 out=$3
  if check health "$port" 120 "$pid" >"$out.health"; then
    if [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" != java ]; then
      echo "$TEST_NAME: pid $pid is $(cat "/proc/$pid/comm"), not the JVM" >&2; exit 1
    fi
    return 0
  fi
  return 1
}

# launch_service NAME LOG_FILE ARGS...: spawn_service, then await_service; a port someone took in the meantime is
# replaced.
launch_service() {
  local name=$1 out=$2 attempt; shift 2
  for attempt in 1 2 3; do
    spawn_service "$out" "$@"
    if await_service "$LAUNCHED_PID" "$LAUNCHED_PORT" "$out"; then
      return 0
    fi
    kill -9 "$LAUNCHED_PID" 2>/dev/null || true
    wait "$LAUNCHED_PID" 2>/dev/null || true
    if ! grep -q 'was already in use' "$out"; then break; fi
    log "port $LAUNCHED_PORT was taken while $name started; trying another"
  done
  cat "$out.health"
  tail -n 40 "$out"
  exit 1
}

# stop_service PID: SIGTERM, then SIGKILL after 30 s; fails (returns 1) when SIGTERM was not enough.
stop_service() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "FAIL pid $pid did not stop within 30 s of SIGTERM"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    return 1
  fi
  wait "$pid" 2>/dev/null || true
}

# The simulated provider's gate (candlekeep.providers.simulated.gate-file, FetchGate): while the file exists it holds
# a number N, and each process makes at most N fetches; the others wait inside the fetch until the file is removed or
# raised. Faults are injected once a process is held at its limit, so work is guaranteed to remain at the fault, on a
# slow machine as on a fast one.
#
# set_gate FILE N: every process on FILE may make N fetches from its start (written whole, by a rename).
set_gate() { printf '%s\n' "$2" >"$1.tmp" && mv -f "$1.tmp" "$1"; }

# await_gate PID LOG_FILE N [TIMEOUT_S]: waits until the process logged that it is held after N fetches (default
# at most 600 s); fails (returns 1) when it died or the wait ran out, which only a stuck service explains.
await_gate() {
  local pid=$1 out=$2 limit=$3 timeout=${4:-600} deadline
  deadline=$(( $(now_ms) + timeout * 1000 ))
  until grep -qF "[GATE] simulated provider held after $limit fetches" "$out"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "FAIL pid $pid ended before it was held at the gate after $limit fetches (log $out)"; return 1
    fi
    if [ "$(now_ms)" -ge "$deadline" ]; then
      echo "FAIL pid $pid not held at the gate after $limit fetches within $timeout s (log $out)"; return 1
    fi
    sleep 0.05
  done
}
