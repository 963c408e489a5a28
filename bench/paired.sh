#!/usr/bin/env bash
# Ratios against CPython measured in pairs: for each round and payload, CPython's pickle.loads/dumps of the
# payload's files, then picklewire's JMH rows for the same payload on each JVM, minutes apart at most. The
# machine's speed drifts by tens of percent over a long run; a ratio taken from one pair sees the same drift on
# both sides, and the median over rounds drops the outliers. run.sh measures everything once; this measures
# the ratios the targets are set in.
#
#   bench/paired.sh                                  3 rounds, every payload but bytes100m, both JVMs
#   ROUNDS=5 PAYLOADS=records,nested bench/paired.sh
#   BENCH='CodecBench.picklewireDumps' bench/paired.sh          dumps only
#
# Results: $RESULTS/paired/*.json, then $RESULTS/paired.md (bench/python/paired_report.py).
set -euo pipefail
cd "$(dirname "$0")/.."

RESULTS=${RESULTS:-bench/results}
ROUNDS=${ROUNDS:-3}
PAYLOADS=${PAYLOADS:-tutorial,ints,floats,str_int_dict,records,strings,nested}
BENCH=${BENCH:-'CodecBench.picklewire(Dumps|Loads)'}
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 2 -i 3 -w 1s -r 1s"}
HEAP=${HEAP:-2g}
GC_FLAGS=${GC_FLAGS:-}
JVM_FLAGS="-Xms$HEAP -Xmx$HEAP -XX:+AlwaysPreTouch${GC_FLAGS:+ $GC_FLAGS}"
TEMURIN25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JVMS=${JVMS:-"java $TEMURIN25"}
export PICKLEWIRE_PAYLOADS=${PICKLEWIRE_PAYLOADS:-$PWD/bench/target/payloads}
JAR=bench/target/benchmarks.jar
OUT=$RESULTS/paired
mkdir -p "$OUT"

log() { echo "[$(date -u +%H:%M:%S)] $*"; }
jvm_name() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.version = //p' | head -1; }

python3 bench/payloads/make_payloads.py "$PICKLEWIRE_PAYLOADS"
log "building $JAR"
mvn -B -ntp -q -pl bench -am -Pbenchmarks package -DskipTests
{
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  for j in $JVMS; do echo "jvm: $j -> $("$j" -version 2>&1 | sed -n 2p)"; done
  echo "python: $(python3 --version 2>&1)"
  echo "jmh options: $JMH_OPTS"
  echo "jvm flags: $JVM_FLAGS"
  echo "rounds: $ROUNDS"
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)')"
} > "$OUT/machine.txt"

for round in $(seq 1 "$ROUNDS"); do
  for payload in ${PAYLOADS//,/ }; do
    log "round $round: $payload"
    python3 bench/python/bench_cpython.py "$PICKLEWIRE_PAYLOADS" "$OUT/r$round-$payload-cpython.json" \
        --only "$payload" --repeat 3 > /dev/null
    for jvm in $JVMS; do
      # shellcheck disable=SC2086 # JMH_OPTS is a list of options
      "$jvm" -jar "$JAR" "$BENCH" -p payload="$payload" -p protocol=2,5 $JMH_OPTS \
          -jvmArgs "$JVM_FLAGS" -rf json -rff "$OUT/r$round-$payload-java$(jvm_name "$jvm").json" > /dev/null
    done
  done
done
python3 bench/python/paired_report.py "$OUT" > "$RESULTS/paired.md"
log "wrote $RESULTS/paired.md"
