#!/usr/bin/env bash
# Runs one benchmark of candlekeep-bench from the built jars (no Maven at run time).
#
#   candlekeep-bench/run.sh HttpReadBenchmark [-Dbench.requests=50000 ...]
#   candlekeep-bench/run.sh TrackToCompleteBenchmark [-Dbench.latency=20ms ...]
#   candlekeep-bench/run.sh StoreUpsertBenchmark [series=1000 bars=1000 ...]
#   candlekeep-bench/run.sh ScaleBenchmark [-Dbench.symbols=1000 ...]
#   candlekeep-bench/run.sh TrackingListBenchmark [-Dbench.symbols=10000 -Dbench.store=postgres ...]
#   candlekeep-bench/run.sh TrackingPostBenchmark [-Dbench.rounds=20 -Dbench.store=postgres ...]
#   candlekeep-bench/run.sh PortfolioBenchmark [-Dbench.rounds=1000 ...]
#   candlekeep-bench/run.sh StreamFanoutBenchmark [-Dbench.connections=1000 -Dbench.rate=1000 ...]
#   candlekeep-bench/run.sh jmh CachedReadBenchmark [JMH options ...]
#
# Arguments that start with '-D', '-X' or '-XX' go to the JVM, the others to the program. JAVA_OPTS is added to
# the JVM options. Build first: ./mvnw -q -pl candlekeep-bench -am package -DskipTests
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
name=${1:?usage: run.sh HttpReadBenchmark|TrackToCompleteBenchmark|ScaleBenchmark|TrackingListBenchmark|TrackingPostBenchmark|PortfolioBenchmark|StreamFanoutBenchmark|StoreUpsertBenchmark|jmh [args...]}
shift
if [[ -z "${JAVA:-}" ]]; then
  if [[ -n "${JAVA_HOME:-}" ]] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    JAVA="$JAVA_HOME/bin/java"
  else
    JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1 || true)
    JAVA=${JAVA:-java}
  fi
fi
jar=$(ls "$here"/target/candlekeep-bench-*.jar 2>/dev/null | head -n 1 || true)
if [[ -z "$jar" || ! -d "$here/target/lib" ]]; then
  echo "Build first: ./mvnw -q -pl candlekeep-bench -am package -DskipTests" >&2
  exit 1
fi
jvm=(--enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-})
prog=()
for a in "$@"; do
  case "$a" in
    -D*|-X*) jvm+=("$a") ;;
    *) prog+=("$a") ;;
  esac
done
if [[ "$name" == jmh ]]; then
  main=org.openjdk.jmh.Main
else
  main=io.candlekeep.bench.$name
fi
exec "$JAVA" "${jvm[@]}" -cp "$jar:$here/target/lib/*" "$main" "${prog[@]+"${prog[@]}"}"
