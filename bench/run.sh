#!/usr/bin/env bash
# Runs every benchmark side by side and writes the results to bench/results/ (or $RESULTS):
#   payloads (generated when missing) -> capabilities -> JMH CodecBench on each JVM -> CPython timings
#   -> loopback end to end (Java on each JVM, Python) -> summary.md (tables and ratios).
#
#   bench/run.sh                      everything, JMH -f 1 -wi 3 -i 5 -w 2s -r 2s
#   JMH_OPTS="-f 1 -wi 2 -i 3 -w 1s -r 1s" bench/run.sh       shorter
#   PAYLOADS=tutorial,records bench/run.sh                      only some payloads
#   JVMS="java" bench/run.sh                                    only the default java
#   PAYLOADS=bytes100m HEAP=3g TAG=-big bench/run.sh           big payload, bigger heap, own files
#   SKIP="jmh loopback" bench/run.sh                            skip steps (payloads capabilities jmh cpython loopback pyloop)
#   GC_FLAGS=-XX:+UseParallelGC TAG=-parallel SKIP="cpython loopback pyloop" bench/run.sh   JMH again on another GC
#
# The machine is shared: every comparison is made inside one run, and the summary quotes medians and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

RESULTS=${RESULTS:-bench/results}
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -i 5 -w 2s -r 2s"}
HEAP=${HEAP:-3g}
source bench/common.sh
# A tag in the JMH file names, so runs with different PAYLOADS/HEAP can share one results directory.
TAG=${TAG:-}
SKIP=${SKIP:-}
PAYLOADS=${PAYLOADS:-}
LOOP_MESSAGES=${LOOP_MESSAGES:-1000000}
# send() flushes (a system call) per message: fewer messages keep that row's run time in line with the others.
LOOP_SEND_MESSAGES=${LOOP_SEND_MESSAGES:-200000}
PY_MESSAGES=${PY_MESSAGES:-200000}
LOOP_REPEATS=${LOOP_REPEATS:-5}
mkdir -p "$RESULTS"

skip() { [[ " $SKIP " == *" $1 "* ]]; }

skip payloads || python3 bench/payloads/make_payloads.py "$PICKLEWIRE_PAYLOADS"
build_jar
describe_machine > "$RESULTS/machine.txt"

if ! skip jmh; then
  params=()
  [ -n "$PAYLOADS" ] && params=(-p "payload=$PAYLOADS")
  for j in $JVMS; do
    v=$(jvm_name "$j")
    log "JMH CodecBench on java $v"
    # shellcheck disable=SC2086
    "$j" -jar "$JAR" CodecBench $JMH_OPTS "${params[@]}" \
      -jvmArgs "$JVM_FLAGS" -prof gc -rf json -rff "$RESULTS/jmh-java$v$TAG.json" \
      > "$RESULTS/jmh-java$v$TAG.log" 2>&1 || log "JMH on $v exited $? (see the log)"
  done
fi

if ! skip cpython; then
  log "CPython pickle"
  only=()
  [ -n "$PAYLOADS" ] && only=(--only "$PAYLOADS")
  python3 bench/python/bench_cpython.py "$PICKLEWIRE_PAYLOADS" "$RESULTS/cpython.json" "${only[@]}" \
    > "$RESULTS/cpython.log"
fi

if ! skip loopback; then
  for j in $JVMS; do
    v=$(jvm_name "$j")
    log "loopback on java $v"
    # Rows: raw-tutorial (the physical limit for 43-byte frames), pw-tutorial (write back to back, one flush),
    # pw-tutorial-send (send per message), raw-bytes100m and pw-bytes100m; JSON lines with a cpu_median too.
    "$j" $JVM_FLAGS -cp "$JAR" dev.picklewire.bench.LoopbackBench raw-tutorial pw-tutorial raw-bytes100m \
      pw-bytes100m --repeats "$LOOP_REPEATS" --messages "$LOOP_MESSAGES" > "$RESULTS/loopback-java$v.jsonl" \
      || log "loopback on $v failed"
    "$j" $JVM_FLAGS -cp "$JAR" dev.picklewire.bench.LoopbackBench pw-tutorial-send --repeats "$LOOP_REPEATS" \
      --messages "$LOOP_SEND_MESSAGES" >> "$RESULTS/loopback-java$v.jsonl" || log "loopback send on $v failed"
  done
fi
if ! skip loopback && ! skip pyloop; then
  log "loopback python"
  python3 bench/python/loopback.py tutorial-framing mp-connection --repeats "$LOOP_REPEATS" \
    --messages "$PY_MESSAGES" > "$RESULTS/loopback-python.jsonl"
  python3 bench/python/loopback.py tutorial-framing-bytes100m mp-connection-bytes100m \
    --repeats "$LOOP_REPEATS" >> "$RESULTS/loopback-python.jsonl"
fi

if ! skip capabilities; then
  log "capabilities"
  java $JVM_FLAGS -cp "$JAR" dev.picklewire.bench.Capabilities > "$RESULTS/capabilities.tsv"
fi

python3 bench/python/report.py "$RESULTS" > "$RESULTS/summary.md"
log "done: $RESULTS/summary.md"
