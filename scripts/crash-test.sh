#!/usr/bin/env bash
# Crash test (issue 3): starts the packaged service on the simulated provider, tracks symbols in all four
# timeframes, SIGKILLs the JVM at random moments while slices are in flight, restarts it, and at the end
# checks that every series is complete, no bar is duplicated and the SQLite file passes integrity_check.
# Each kill comes once the run has made a random number of fetches and is held at the provider's gate
# (set_gate in test-support.sh), never after a timer: the fetches the kills allow add up to less than half the
# work, so every kill finds work left, on a slow machine as on a fast one.
#
#   scripts/crash-test.sh [--kills N] [--symbols N] [--keep]
#
# --kills N     SIGKILLs before the final clean run (default 20; CI runs 5)
# --symbols N   symbols tracked, stocks, crypto and FX mixed (default 20, at most 30)
# --keep        keep the temporary folder (database and service logs); it is always kept on failure
#
# Needs only a JDK 25 (picked as ./mvnw does) and the executable jar, which it builds when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

KILLS=20
SYMBOL_COUNT=20
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) KILLS="$2"; shift 2 ;;
    --symbols) SYMBOL_COUNT="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
ALL_SYMBOLS=(AAPL BTC-USD EURUSD=X MSFT ETH-USD GBPUSD=X NVDA SOL-USD USDJPY=X SPY AMZN XRP-USD AUDUSD=X QQQ GOOGL
  ADA-USD USDCHF=X META ^GSPC TSLA JPM DOGE-USD EURJPY=X V ^NDX LTC-USD NZDUSD=X KO IWM DIA)
[[ "$KILLS" =~ ^[0-9]+$ ]] || { echo "--kills must be a number, was '$KILLS'" >&2; exit 2; }
if ! [[ "$SYMBOL_COUNT" =~ ^[0-9]+$ ]] || [ "$SYMBOL_COUNT" -lt 1 ] || [ "$SYMBOL_COUNT" -gt ${#ALL_SYMBOLS[@]} ]; then
  echo "--symbols must be in [1, ${#ALL_SYMBOLS[@]}], was '$SYMBOL_COUNT'" >&2; exit 2
fi
SYMBOLS=$(IFS=,; echo "${ALL_SYMBOLS[*]:0:$SYMBOL_COUNT}")

. scripts/test-support.sh
start_test crash-test
DATA="$WORK/data"
PID=""
RESULT=FAIL

cleanup() {
  kill_now "$PID"
  kill_now "${TRACK_PID-}"
  keep_or_remove "data/candlekeep.db, logs/"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

compile_checkers "$WORK" scripts/CrashCheck.java

GATE="$WORK/gate"
# the fetches one run may make before it is held and killed: at most [0, FETCHES_MAX], so that all the kills together
# allow less than half of the about 80 fetches a symbol needs
FETCHES_MAX=$(( SYMBOL_COUNT * 80 / (2 * (KILLS > 0 ? KILLS : 1)) ))
[ "$FETCHES_MAX" -le 40 ] || FETCHES_MAX=40

# launch RUN LATENCY_MS: starts the service and waits until it is healthy; PID is the JVM's pid, PORT its port.
# Small slices (2 days of 15m, 7 of 1h, 30 of 1d), 2 threads and a slow provider keep slices in flight at every
# kill: about 80 slices a symbol.
launch() {
  launch_service "run $1" "$WORK/logs/run-$1.log" \
    --candlekeep.data-dir="$DATA" \
    --candlekeep.provider=simulated \
    --candlekeep.providers.simulated.latency="${2}ms" \
    '--candlekeep.providers.simulated.max-range.[15m]=2d' \
    '--candlekeep.providers.simulated.max-range.[1h]=7d' \
    '--candlekeep.providers.simulated.max-range.[1d]=30d' \
    --candlekeep.jobs.threads=2 \
    --candlekeep.providers.simulated.gate-file="$GATE" \
    --candlekeep.providers.simulated.tick-interval=0s
  PID=$LAUNCHED_PID
  PORT=$LAUNCHED_PORT
}

TRACKED=0
TRACKED_AT=""
TRACK_PID=""
KILLED_MID_TRACK=0
log "JDK $JAVA_HOME, jar $JAR, data $DATA"
log "$KILLS kills, $SYMBOL_COUNT symbols: $SYMBOLS"
for round in $(seq 1 "$KILLS"); do
  latency=$((150 + RANDOM % 151))
  fetches=$((RANDOM % (FETCHES_MAX + 1)))
  set_gate "$GATE" "$fetches"
  launch "$round" "$latency"
  if [ "$TRACKED" = 0 ] && [ -n "$TRACKED_AT" ] && check tracked "$PORT" "$SYMBOL_COUNT" >/dev/null; then
    # a killed POST that had recorded the interest is not sent again: the restart must plan what it had not
    TRACKED=1
    log "the killed POST had recorded the interest; not sending it again"
  fi
  if [ "$TRACKED" = 0 ]; then
    # the POST runs in the background so that the kill may land while it is still planning; one killed before
    # it recorded anything is sent again after the restart, as a client would
    [ -n "$TRACKED_AT" ] || TRACKED_AT=$(now_ms)
    marker="$WORK/logs/track-$round.sent"
    check track "$PORT" "$SYMBOLS" "$marker" >"$WORK/logs/track-$round.out" 2>&1 &
    TRACK_PID=$!
    for _ in $(seq 1 300); do [ -e "$marker" ] && break; sleep 0.1; done
  fi
  await_gate "$PID" "$WORK/logs/run-$round.log" "$fetches" || exit 1
  kill -9 "$PID"
  wait "$PID" 2>/dev/null || true
  if kill -0 "$PID" 2>/dev/null; then
    echo "crash test: pid $PID survived kill -9" >&2; exit 1
  fi
  if [ -n "$TRACK_PID" ]; then
    if wait "$TRACK_PID"; then
      TRACKED=1; TRACK_NOTE=", after it had answered the POST"
    else
      KILLED_MID_TRACK=$((KILLED_MID_TRACK + 1)); TRACK_NOTE=", while the POST had no answer yet"
    fi
    TRACK_PID=""
  fi
  log "kill $round/$KILLS: pid $PID SIGKILLed held at the gate after ${fetches} fetches${TRACK_NOTE-} (provider latency ${latency} ms)"
  TRACK_NOTE=""
  PID=""
done

log "final run: no latency, no gate, waiting for every series to complete"
rm -f "$GATE"
launch final 0
if [ "$TRACKED" = 0 ] && ! { [ -n "$TRACKED_AT" ] && check tracked "$PORT" "$SYMBOL_COUNT" >/dev/null; }; then
  [ -n "$TRACKED_AT" ] || TRACKED_AT=$(now_ms)
  check track "$PORT" "$SYMBOLS" >"$WORK/logs/track-final.out" 2>&1 || { cat "$WORK/logs/track-final.out"; exit 1; }
  TRACKED=1
fi

FAILED=0
AWAIT_START=$(now_ms)
if check await "$PORT" 120; then
  log "backfill complete $(( ($(now_ms) - AWAIT_START) / 1000 )) s after the final start was healthy"
else
  FAILED=1
fi
check api "$PORT" "$TRACKED_AT" "$SYMBOLS" || FAILED=1

# a clean stop: SIGTERM, bounded
stop_service "$PID" || FAILED=1
PID=""

DB_OUT=$(check db "$DATA/candlekeep.db" "$TRACKED_AT") || FAILED=1
echo "$DB_OUT"

# What the restarts found: runs a kill left RUNNING, executions it left picked.
interrupted_starts=0
resumed_starts=0
replanned_starts=0
for f in "$WORK"/logs/run-*.log; do
  if grep -q 'slice runs were interrupted' "$f"; then interrupted_starts=$((interrupted_starts + 1)); fi
  if grep -q 'executions a stopped process had picked' "$f"; then resumed_starts=$((resumed_starts + 1)); fi
  if grep -q 'had series without a job' "$f"; then replanned_starts=$((replanned_starts + 1)); fi
done
interrupted_runs=$(echo "$DB_OUT" | sed -n 's/^interrupted_runs=//p')

echo
echo "== crash test summary =="
echo "kills:                     $KILLS (SIGKILL, each verified gone)"
echo "kills during the POST:     $KILLED_MID_TRACK (restarts that planned series the killed POST had not: $replanned_starts)"
echo "restarts finding a slice mid-run (runs marked INTERRUPTED): $interrupted_starts of $KILLS, ${interrupted_runs:-?} runs in all"
echo "restarts resuming picked executions: $resumed_starts of $KILLS"
echo "symbols x timeframes:      $SYMBOL_COUNT x 4"
echo "time:                      $(( ($(now_ms) - T0) / 1000 )) s"
if [ "$FAILED" = 0 ]; then
  RESULT=PASS
  echo "RESULT: PASS (every series complete, no duplicated bar, integrity_check ok, no run left RUNNING)"
else
  echo "RESULT: FAIL (see the FAIL lines above; service logs in $WORK/logs)"
  exit 1
fi
