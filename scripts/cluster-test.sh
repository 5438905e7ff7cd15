#!/usr/bin/env bash
# Cluster test: three instances of the packaged service share one fresh PostgreSQL database, on the simulated
# provider with some latency and small slices. 200 symbols (stocks, crypto, FX) are tracked through the API of one
# instance, in batches of 100. While the backfill runs, one instance is SIGKILLed, or the database server is
# restarted, or both one after the other; the instances left must finish the work without being restarted. Then,
# after a clean stop: every slice of the current plans has exactly one finished run, no bar is duplicated, every
# series holds what its calendar expects, the bars read back over HTTP from another instance, and each schedule
# ran on one instance at a time, once per tick (shortened intervals), without stalling. A subscriber of the feed on
# each instance must have been sent, per series, the newest final bar stored, whichever instance wrote it. The
# Binance stream is on (pointed at a closed port: the lease is what is tested): instance 3 starts first and holds its
# lease, and with the kill another instance must take it over within 30 s.
# Faults come on a condition, never after a timer: the provider's gate (set_gate in test-support.sh) holds each
# instance after a number of fetches, and a fault is injected once the instances are held there, so that at least
# half of the slices are left whatever the machine's speed.
#
#   scripts/cluster-test.sh [--restart-postgres | --fault kill|restart|both] [--pg-down S] [--short] [--symbols N]
#                           [--keep] [--pg HOST:PORT]
#
# --fault kill        SIGKILL instance 3 once the instances may have done a fifth of the fetches and instance 3 is
#                     held with slices (the default): the two others take its slices over once its heartbeats stop
#                     (4 s in this test)
# --fault restart     restart the database server (pg_ctl -m fast) once the instances are held after a sixth of the
#                     fetches, releasing them as it goes down; --restart-postgres is the same. Every instance must
#                     answer health UP and bars must be written within 60 s of it being back
# --fault both        the kill, then the restart once the two left are held after another quarter (what CI runs)
# --pg-down S         with a restart: keep the server stopped S seconds before starting it again (default 0)
# --short             shorter windows (15m 7 days, 1h 60, 4h 60, 1d 365) in slices of 2, 7 and 90 days (18 a
#                     symbol), 4 job threads: CI's form. Default: the service's windows in slices of 5, 14 and 90 days
#                     (38 a symbol), 3 job threads
# --symbols N         symbols tracked (default 200, at most 200)
# --keep              keep the temporary folder (service logs, PostgreSQL log); it is always kept on failure
# --pg HOST:PORT      use this PostgreSQL server (user postgres, trust or PGPASSWORD) and a fresh database on it,
#                     restarted with pg_ctlcluster (its newest cluster 'main'). Default: a private server on a free
#                     port, made with initdb in the temporary folder (as user postgres when run as root)
#
# Needs a JDK 25, the executable jar (built when missing) and PostgreSQL's server binaries (initdb, pg_ctl).
set -euo pipefail
cd "$(dirname "$0")/.."

FAULT=kill
PG_DOWN=0
SHORT=0
SYMBOL_COUNT=200
KEEP=0
PG_SERVER=""
while [ $# -gt 0 ]; do
  case "$1" in
    --restart-postgres) FAULT=restart; shift ;;
    --fault) FAULT="$2"; shift 2 ;;
    --pg-down) PG_DOWN="$2"; shift 2 ;;
    --short) SHORT=1; shift ;;
    --symbols) SYMBOL_COUNT="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --pg) PG_SERVER="$2"; shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$FAULT" in kill|restart|both) ;; *) echo "--fault must be kill, restart or both, was '$FAULT'" >&2; exit 2 ;; esac
[[ "$PG_DOWN" =~ ^[0-9]+$ ]] || { echo "--pg-down must be a number of seconds, was '$PG_DOWN'" >&2; exit 2; }

# 100 stocks, ETFs and indices; 50 crypto pairs; 50 FX pairs
STOCKS=(AAPL MSFT NVDA AMZN GOOGL META TSLA JPM V KO SPY QQQ IWM DIA ^GSPC ^NDX ^DJI BRK-B UNH XOM JNJ WMT MA PG HD CVX
  MRK ABBV PEP COST AVGO ADBE CRM NFLX AMD INTC CSCO ORCL TMO ACN MCD NKE DHR LIN TXN NEE PM UPS MS RTX HON QCOM LOW
  UNP IBM AMGN INTU SBUX CAT GS BA BLK DE GE PLD AMT MDT ISRG BKNG ADP GILD MDLZ ADI TJX SYK CVS VRTX C REGN ZTS MMC
  LRCX MO NOW PFE T VZ DIS BAC WFC SCHW CB SO DUK BDX EOG SLB CL ITW ETN)
CRYPTO=()
for base in BTC ETH SOL XRP ADA DOGE LTC DOT AVAX LINK BCH XLM ATOM UNI ETC FIL TRX NEAR ALGO AAVE; do
  CRYPTO+=("$base-USD")
done
for base in BTC ETH SOL XRP ADA DOGE LTC DOT AVAX LINK BCH XLM ATOM UNI ETC; do
  CRYPTO+=("$base-EUR" "$base-GBP")
done
FX=()
for a in EUR USD GBP JPY CHF AUD CAD NZD SEK NOK; do
  for b in USD EUR JPY GBP CHF AUD CAD; do
    if [ "$a" != "$b" ] && [ ${#FX[@]} -lt 50 ]; then FX+=("$a$b=X"); fi
  done
done
# interleaved, so that any prefix mixes the three
ALL_SYMBOLS=()
for i in $(seq 0 99); do
  ALL_SYMBOLS+=("${STOCKS[$i]}")
  if [ $((i % 2)) = 0 ]; then ALL_SYMBOLS+=("${CRYPTO[$((i / 2))]}"); else ALL_SYMBOLS+=("${FX[$((i / 2))]}"); fi
done
if ! [[ "$SYMBOL_COUNT" =~ ^[0-9]+$ ]] || [ "$SYMBOL_COUNT" -lt 1 ] || [ "$SYMBOL_COUNT" -gt ${#ALL_SYMBOLS[@]} ]; then
  echo "--symbols must be in [1, ${#ALL_SYMBOLS[@]}], was '$SYMBOL_COUNT'" >&2; exit 2
fi
SYMBOLS=("${ALL_SYMBOLS[@]:0:$SYMBOL_COUNT}")

. scripts/test-support.sh
start_test cluster-test
PIDS=()
SUBSCRIBER_PIDS=()
PORTS=()
NAMES=()
PG_STARTED=0
DB_NAME=candlekeep_cluster
RESULT=FAIL

# The private server runs as postgres when this runs as root (initdb refuses root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_ctl_private() { as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" "$@"; }

cleanup() {
  local pid
  for pid in "${PIDS[@]}" "${SUBSCRIBER_PIDS[@]}"; do kill_now "$pid"; done
  if [ "$PG_STARTED" = 1 ]; then
    pg_ctl_private -m immediate stop >/dev/null 2>&1 || true
  elif [ -n "$PG_SERVER" ] && [ "$RESULT" = PASS ] && [ "$KEEP" = 0 ]; then
    check_with ClusterCheck dropdb "$ADMIN_URL" "$DB_NAME" || true
  fi
  keep_or_remove "logs/, pg/server.log${PG_SERVER:+; database $DB_NAME on $PG_SERVER}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

compile_checkers "$WORK" scripts/CrashCheck.java scripts/ClusterCheck.java

# ---- the database --------------------------------------------------------------------------------------------
if [ -z "$PG_SERVER" ]; then
  PG_BIN=$(pg_config --bindir 2>/dev/null || true)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "cluster test: no PostgreSQL server binaries (initdb) found; install them or pass --pg HOST:PORT" >&2; exit 2
  fi
  PG_PORT=$(free_port)
  mkdir -p "$WORK/pg"
  if [ "$(id -u)" = 0 ]; then chmod 711 "$WORK"; chown postgres "$WORK/pg"; fi
  as_pg "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres -A trust -E UTF8 --no-sync >"$WORK/pg/initdb.log" 2>&1 \
    || { cat "$WORK/pg/initdb.log"; exit 1; }
  PG_OPTS="-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1"
  pg_ctl_private -l "$WORK/pg/server.log" -w -t 60 -o "$PG_OPTS" start >/dev/null
  PG_STARTED=1
  PG_HOSTPORT="127.0.0.1:$PG_PORT"
  # what ClusterCheck runs (bash -c) to restart it
  AS_PG=""
  [ "$(id -u)" = 0 ] && AS_PG="runuser -u postgres --"
  PG_CTL="$AS_PG $PG_BIN/pg_ctl -D $WORK/pg/data -w -t 60"
  if [ "$PG_DOWN" = 0 ]; then
    RESTART_CMD="$PG_CTL -m fast restart >/dev/null"
  else
    RESTART_CMD="$PG_CTL -m fast stop >/dev/null && sleep $PG_DOWN && $PG_CTL -l $WORK/pg/server.log -o '$PG_OPTS' start >/dev/null"
  fi
else
  PG_HOSTPORT=$PG_SERVER
  DB_NAME="candlekeep_cluster_$(date +%s)_$$"
  PG_CLUSTER="pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1) main"
  if [ "$PG_DOWN" = 0 ]; then
    RESTART_CMD="$PG_CLUSTER restart"
  else
    RESTART_CMD="$PG_CLUSTER stop && sleep $PG_DOWN && $PG_CLUSTER start"
  fi
fi
ADMIN_URL="jdbc:postgresql://$PG_HOSTPORT/postgres?user=postgres"
DB_URL="jdbc:postgresql://$PG_HOSTPORT/$DB_NAME"
CHECK_URL="$DB_URL?user=postgres"
check_with ClusterCheck createdb "$ADMIN_URL" "$DB_NAME"
log "PostgreSQL at $PG_HOSTPORT (${PG_BIN:+private server from $PG_BIN, }database $DB_NAME)"

# ---- the instances -------------------------------------------------------------------------------------------
# Short intervals, so that many ticks fall inside the test: a schedule run twice for one tick shows as two runs
# closer than their interval. A heartbeat every second and the smallest limit db-scheduler allows (4) take a
# killed instance's work as dead after 4 s.
# The gap fill and the historical sync keep their long intervals (they run at each start): short ones would plan
# tail syncs of the bars that end while the test runs, and the checks want the plans they look at settled. The
# engine runs all schedules alike, so the five others show whether a tick runs once.
declare -A INTERVALS=([orchestrator]=5 [live-refresh]=7 [health]=11 [retention]=13 [interest-expiry]=17)
INTERVAL_SPEC=""
INTERVAL_ARGS=()
for id in "${!INTERVALS[@]}"; do
  INTERVAL_SPEC+="${INTERVAL_SPEC:+,}$id=${INTERVALS[$id]}"
  INTERVAL_ARGS+=("--candlekeep.schedule.intervals.$id=${INTERVALS[$id]}s")
done
if [ "$SHORT" = 1 ]; then
  THREADS=4
  PLAN=('--candlekeep.providers.simulated.max-range.[15m]=2d' '--candlekeep.providers.simulated.max-range.[1h]=7d'
    '--candlekeep.providers.simulated.max-range.[1d]=90d' '--candlekeep.backfill.windows.[15m]=7d'
    '--candlekeep.backfill.windows.[1h]=60d' '--candlekeep.backfill.windows.[4h]=60d'
    '--candlekeep.backfill.windows.[1d]=365d')
else
  THREADS=3
  PLAN=('--candlekeep.providers.simulated.max-range.[15m]=5d' '--candlekeep.providers.simulated.max-range.[1h]=14d'
    '--candlekeep.providers.simulated.max-range.[1d]=90d')
fi
LATENCY_MS=40
instance_args() {
  echo --candlekeep.data-dir="$WORK/data-$1" --candlekeep.provider=simulated \
    --candlekeep.providers.simulated.latency=${LATENCY_MS}ms --candlekeep.jobs.threads=$THREADS \
    --candlekeep.jobs.heartbeat-interval=1s --candlekeep.jobs.missed-heartbeats-limit=4 \
    --candlekeep.jobs.instance-name=instance-$1 --candlekeep.providers.simulated.gate-file="$GATE" \
    --candlekeep.providers.simulated.tick-interval=0s --candlekeep.providers.binance.stream.enabled=true \
    --candlekeep.providers.binance.stream.base-url=ws://127.0.0.1:9
}
export CANDLEKEEP_DB_URL="$DB_URL"
export CANDLEKEEP_DB_USERNAME=postgres
start_instance() {
  # shellcheck disable=SC2046
  spawn_service "$WORK/logs/instance-$1.log" $(instance_args "$1") "${PLAN[@]}" "${INTERVAL_ARGS[@]}"
  PIDS[$1]=$LAUNCHED_PID
  PORTS[$1]=$LAUNCHED_PORT
  NAMES[$1]=instance-$1
}
await_instance() {
  await_service "${PIDS[$1]}" "${PORTS[$1]}" "$WORK/logs/instance-$1.log" || {
    cat "$WORK/logs/instance-$1.log.health"; tail -n 40 "$WORK/logs/instance-$1.log"; exit 1; }
}
# every instance is held before its first fetch until the tracking has planned every slice
GATE="$WORK/gate"
set_gate "$GATE" 0
STARTED_AT=$(now_ms)
# the first migrates the schema and takes the Binance stream's lease; the two others start together
start_instance 3
await_instance 3
start_instance 1
start_instance 2
await_instance 1
await_instance 2
log "3 instances up in $(( ($(now_ms) - STARTED_AT) / 1000 )) s: ports ${PORTS[1]} ${PORTS[2]} ${PORTS[3]}, pids ${PIDS[1]} ${PIDS[2]} ${PIDS[3]}"

# ---- tracking, through instance 1, 100 symbols a request -----------------------------------------------------
TRACKED_AT=$(now_ms)
for ((i = 0; i < ${#SYMBOLS[@]}; i += 100)); do
  batch=$(IFS=,; echo "${SYMBOLS[*]:$i:100}")
  check track "${PORTS[1]}" "$batch" >"$WORK/logs/track-$i.out" 2>&1 || { cat "$WORK/logs/track-$i.out"; exit 1; }
done
log "${#SYMBOLS[@]} symbols tracked in all four timeframes through instance 1 in $(( ($(now_ms) - TRACKED_AT) / 1000 )) s"

# ---- a subscriber of the feed on each instance, to the bars of a stock, a crypto pair and an FX pair ------------
STREAMED=$(IFS=,; echo "${SYMBOLS[*]:0:4}")
for i in 1 2 3; do
  # java itself in the background, so that its pid is the one to stop
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CHECKER_DIR:$CP" ClusterCheck subscribe "${PORTS[$i]}" "$WORK/logs/stream-$i.bars" "$STREAMED" >"$WORK/logs/stream-$i.out" 2>&1 &
  SUBSCRIBER_PIDS+=($!)
done
for i in 1 2 3; do
  for _ in $(seq 1 600); do grep -q '^subscribed' "$WORK/logs/stream-$i.out" && break; sleep 0.1; done
  grep -q '^subscribed' "$WORK/logs/stream-$i.out" || { echo "cluster test: no subscriber on instance $i" >&2;
    cat "$WORK/logs/stream-$i.out"; exit 1; }
done
log "a subscriber on each instance to the bars of $STREAMED in all four timeframes"

# ---- the faults ----------------------------------------------------------------------------------------------
PLANNED=$(check_with ClusterCheck progress "$CHECK_URL" 0 60 | sed -n 's/^[0-9]* of \([0-9]*\) slices.*/\1/p')
[ -n "$PLANNED" ] || { echo "cluster test: no slices planned after tracking" >&2; exit 1; }
log "$PLANNED slices planned"
FAILED=0
WINDOWS=()
FAULT_NOTES=()
LIVE=(1 2 3)
# The gate: FETCH_LIMIT is the fetches each instance may make. While instances are held, every job thread waits in a
# fetch and the schedules wait for a thread as well: those windows (from the first instance held to the gate raised)
# are handed to the schedules check.
FETCH_LIMIT=0
# end_held_window: the window in which some instance was held at FETCH_LIMIT, if one was, ends now
end_held_window() {
  local first
  first=$(grep -hF "[GATE] simulated provider held after $FETCH_LIMIT fetches" "$WORK"/logs/instance-*.log \
    | cut -c1-24 | sort | head -n 1)
  if [ -n "$first" ]; then WINDOWS+=("held=$(date -d "$first" +%s%3N)-$(now_ms)"); fi
}
# raise_gate PERCENT: each live instance may make its share of PERCENT of the planned fetches more
raise_gate() {
  end_held_window
  FETCH_LIMIT=$(( FETCH_LIMIT + (PLANNED * $1 / 100 + ${#LIVE[@]} - 1) / ${#LIVE[@]} ))
  set_gate "$GATE" "$FETCH_LIMIT"
}
# await_held: waits until every live instance is held at FETCH_LIMIT
await_held() {
  local i
  for i in "${LIVE[@]}"; do
    await_gate "${PIDS[$i]}" "$WORK/logs/instance-$i.log" "$FETCH_LIMIT" || exit 1
  done
  log "instances ${LIVE[*]} held at the gate after $FETCH_LIMIT fetches each"
}
if [ "$FAULT" != restart ]; then
  # mid-run: the instances held after a fifth of the fetches, the victim holding slices
  raise_gate 20
  await_held
  check_with ClusterCheck progress "$CHECK_URL" 0 300 instance-3 | tee "$WORK/logs/before-kill.out"
  KILL_AT=$(now_ms)
  kill -9 "${PIDS[3]}"
  wait "${PIDS[3]}" 2>/dev/null || true
  if kill -0 "${PIDS[3]}" 2>/dev/null; then echo "cluster test: pid ${PIDS[3]} survived kill -9" >&2; exit 1; fi
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CHECKER_DIR:$CP" ClusterCheck lease "$CHECK_URL" binance-kline-stream instance-3 "$KILL_AT" 30 >"$WORK/logs/lease.out" 2>&1 &
  LEASE_PID=$!
  log "instance 3 (pid ${PIDS[3]}) SIGKILLed; waiting for the two others to take its slices and its lease over"
  PIDS[3]=""
  LIVE=(1 2)
  # the two others go on at once (up to another quarter of the fetches when a restart follows)
  if [ "$FAULT" = both ]; then raise_gate 25; else end_held_window; rm -f "$GATE"; fi
  TAKEOVER_OUT=$(check_with ClusterCheck takeover "$CHECK_URL" instance-3 "$KILL_AT" 60) || FAILED=1
  echo "$TAKEOVER_OUT"
  FAULT_NOTES+=("instance 3 SIGKILLed holding $(sed -n 's/.*instance-3 holds //p' "$WORK/logs/before-kill.out") slices, \
taken over $(echo "$TAKEOVER_OUT" | sed -n 's/^takeover_ms=//p') ms after the kill")
  wait "$LEASE_PID" || FAILED=1
  cat "$WORK/logs/lease.out"
  FAULT_NOTES+=("the Binance stream's lease taken over $(sed -n 's/^lease_takeover_ms=//p' "$WORK/logs/lease.out") ms \
after the kill")
fi
if [ "$FAULT" != kill ]; then
  [ "$FAULT" = both ] || raise_gate 15
  await_held
  check_with ClusterCheck progress "$CHECK_URL" 0 30 | tee "$WORK/logs/before-restart.out"
  log "restarting PostgreSQL$([ "$PG_DOWN" = 0 ] || echo " (down $PG_DOWN s)"), releasing the gate as it goes down"
  LIVE_PORTS=$(for i in "${LIVE[@]}"; do printf '%s,' "${PORTS[$i]}"; done)
  end_held_window
  RECOVERY_OUT=$(check_with ClusterCheck recovery "$CHECK_URL" 60 "${LIVE_PORTS%,}" "rm -f '$GATE' && $RESTART_CMD") \
    || FAILED=1
  echo "$RECOVERY_OUT"
  OUTAGE_START=$(echo "$RECOVERY_OUT" | sed -n 's/^outage_start_ms=//p')
  OUTAGE_END=$(echo "$RECOVERY_OUT" | sed -n 's/^outage_end_ms=//p')
  RECOVERY_MS=$(echo "$RECOVERY_OUT" | sed -n 's/^recovery_ms=//p')
  if [ -n "$OUTAGE_START" ] && [ -n "$OUTAGE_END" ]; then
    WINDOWS+=("outage=$OUTAGE_START-$OUTAGE_END")
    FAULT_NOTES+=("PostgreSQL down and back in $((OUTAGE_END - OUTAGE_START)) ms, instances UP and bars written \
${RECOVERY_MS:-(not)} ms after it was back")
  else
    FAULT_NOTES+=("PostgreSQL not restarted")
  fi
fi

# ---- completion and the checks -------------------------------------------------------------------------------
rm -f "$GATE"
AWAIT_START=$(now_ms)
if check await "${PORTS[1]}" 600; then
  BACKFILL_S=$(( ($(now_ms) - TRACKED_AT) / 1000 ))
  log "backfill complete ${BACKFILL_S} s after tracking ($(( ($(now_ms) - AWAIT_START) / 1000 )) s after the last fault)"
else
  FAILED=1
fi
# the bars read back through another instance than the one that planned them, once its cached series have aged
# out (candlekeep.bars.cache.max-staleness, 2 s on PostgreSQL)
sleep 2.5
SYMBOLS_CSV=$(IFS=,; echo "${SYMBOLS[*]}")
check api "${PORTS[2]}" "$TRACKED_AT" "$SYMBOLS_CSV" || FAILED=1

for i in "${LIVE[@]}"; do
  stop_service "${PIDS[$i]}" || FAILED=1
  PIDS[$i]=""
done

# the subscribers' sockets closed with their instances
for pid in "${SUBSCRIBER_PIDS[@]}"; do kill_now "$pid"; done
STREAM_FILES=()
for i in "${LIVE[@]}"; do STREAM_FILES+=("$WORK/logs/stream-$i.bars"); done
check_with ClusterCheck stream "$CHECK_URL" "${STREAM_FILES[@]}" || FAILED=1
check db "$CHECK_URL" "$TRACKED_AT" || FAILED=1
check_with ClusterCheck schedules "$CHECK_URL" "$WORK/logs" "$INTERVAL_SPEC" "${WINDOWS[@]}" || FAILED=1

echo
echo "== cluster test summary =="
echo "fault:                $FAULT$([ "$SHORT" = 1 ] && echo ' (short)' || true)"
for note in "${FAULT_NOTES[@]}"; do echo "                      $note"; done
echo "instances:            3 on one PostgreSQL database, ${LATENCY_MS} ms provider latency, $THREADS job threads each"
echo "symbols x timeframes: ${#SYMBOLS[@]} x 4 ($(check_with ClusterCheck progress "$CHECK_URL" 0 30 | sed 's/ (.*//'))"
echo "backfill:             ${BACKFILL_S:-?} s from the first tracking request to complete"
echo "time:                 $(( ($(now_ms) - T0) / 1000 )) s"
if [ "$FAILED" = 0 ]; then
  RESULT=PASS
  echo "RESULT: PASS (each slice finished once, no duplicated bar, every series complete, schedules once per tick)"
else
  echo "RESULT: FAIL (see the FAIL lines above; logs in $WORK/logs)"
  exit 1
fi
