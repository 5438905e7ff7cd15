#!/bin/sh
# Runs one whole-service benchmark driver: candlekeep-bench/run.sh HttpReadBenchmark [java options...]
# Build first: ./mvnw -q -pl candlekeep-bench -am package -DskipTests
# Extra JVM options go after the name, e.g. -Dbench.requests=50000; JAVA defaults to the JDK 25 ./mvnw uses.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=${1:?usage: run.sh HttpReadBenchmark|TrackToCompleteBenchmark [java options...]}
shift
if [ -z "${JAVA:-}" ]; then
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    JAVA="$JAVA_HOME/bin/java"
  else
    JAVA=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1)
    JAVA=${JAVA:-java}
  fi
fi
jar=$(ls "$here"/target/candlekeep-bench-*.jar 2>/dev/null | head -n 1)
if [ -z "$jar" ] || [ ! -d "$here/target/lib" ]; then
  echo "Build first: ./mvnw -q -pl candlekeep-bench -am package -DskipTests" >&2
  exit 1
fi
exec "$JAVA" --enable-native-access=ALL-UNNAMED "$@" -cp "$jar:$here/target/lib/*" "io.candlekeep.bench.$name"
