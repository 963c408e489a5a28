#!/usr/bin/env bash
# The whole benchmark in one command: every payload's loads and dumps for picklewire beside CPython's own pickle
# and Pyrolite, on each JVM, then end to end on loopback beside Python and a raw Java socket pump. Writes
# $RESULTS/summary.md (bench/python/report.py): the tables, the ratios, the verdicts against issue 6's targets.
#
#   bench/run.sh                                                   everything (69 minutes here)
#   ROUNDS=1 PAYLOADS=tutorial,records JVMS=java SKIP=loopback bench/run.sh     a quick look
#
# Ratios are measured in pairs. These machines drift by tens of percent within minutes, so each round runs, for
# each payload, CPython's pickle.loads/dumps of its files and right after picklewire's JMH rows for the same
# payload on each JVM: both sides of a ratio see the machine at about the same speed. The summary quotes the
# median of the per-round ratios beside every round's. In the first PYROLITE_ROUNDS rounds Pyrolite's rows run
# in the same JMH forks (its ints loads take about 15 s an operation, so not in every round), and in the first
# FRESH_ROUNDS the fresh-dumps rows (dumps of a graph decoded afresh before each call) on both sides; bytes100m
# adds the memory-copy yardstick its targets are set against. GC_VARIANTS are extra JVM settings the ints loads
# run with in each round too, as NAME:FLAGS (by default G1 with 8 MB regions, where a million-item list's array
# is no humongous object, and the parallel collector). The 100 MB end-to-end pair (raw pump, then picklewire
# with and without trusted lengths) runs BIG_ROUNDS times per JVM, each time a ratio.
#
# Settings (environment): RESULTS ROUNDS PAYLOADS JVMS JMH_OPTS HEAP GC_FLAGS GC_VARIANTS PYROLITE_ROUNDS
# FRESH_ROUNDS BIG_ROUNDS LOOP_MESSAGES LOOP_SEND_MESSAGES PY_MESSAGES LOOP_REPEATS SKIP (steps: codec
# loopback pyloop).
set -euo pipefail
cd "$(dirname "$0")/.."

RESULTS=${RESULTS:-bench/results}
ROUNDS=${ROUNDS:-3}
PYROLITE_ROUNDS=${PYROLITE_ROUNDS:-1}
FRESH_ROUNDS=${FRESH_ROUNDS:-1}
PAYLOADS=${PAYLOADS:-tutorial,ints,floats,str_int_dict,records,bytes100m,strings,nested}
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 2 -i 3 -w 1s -r 1s"}
HEAP=${HEAP:-3g}
GC_FLAGS=${GC_FLAGS:-}
GC_VARIANTS=${GC_VARIANTS:-"g1-8m:-XX:G1HeapRegionSize=8m parallel:-XX:+UseParallelGC"}
BIG_ROUNDS=${BIG_ROUNDS:-4}
LOOP_MESSAGES=${LOOP_MESSAGES:-1000000}
# send() flushes (a system call) per message: fewer messages keep that row's run time in line with the others.
LOOP_SEND_MESSAGES=${LOOP_SEND_MESSAGES:-200000}
PY_MESSAGES=${PY_MESSAGES:-200000}
LOOP_REPEATS=${LOOP_REPEATS:-5}
SKIP=${SKIP:-}
PY_TUNABLES=${PY_TUNABLES:-glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=4294967295}
# A fixed, pre-touched heap: fresh memory is slow on these machines and would be measured instead of the code.
JVM_FLAGS="-Xms$HEAP -Xmx$HEAP -XX:+AlwaysPreTouch${GC_FLAGS:+ $GC_FLAGS}"
TEMURIN25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JVMS=${JVMS:-"java $TEMURIN25"}
export PICKLEWIRE_PAYLOADS=${PICKLEWIRE_PAYLOADS:-$PWD/bench/target/payloads}
JAR=bench/target/benchmarks.jar

jvm_name() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.version = //p' | head -1; }
log() { echo "[$(date -u +%H:%M:%S)] $*"; }
skip() { [[ " $SKIP " == *" $1 "* ]]; }
# JMH on one JVM, one payload, both protocols, into a JSON file; a failed fork is logged, the run goes on.
jmh() { # jvm payload regex json [extra jvm flags]
  # shellcheck disable=SC2086 # JMH_OPTS and the flags are lists
  "$1" -jar "$JAR" "$3" -p payload="$2" -p protocol=2,5 $JMH_OPTS -jvmArgs "$JVM_FLAGS${5:+ $5}" -prof gc \
      -rf json -rff "$4" > "${4%.json}.log" 2>&1 || log "JMH $3 on $2 exited $? (see ${4%.json}.log)"
}

mkdir -p "$RESULTS"
python3 bench/payloads/make_payloads.py "$PICKLEWIRE_PAYLOADS" > /dev/null
log "building $JAR"
mvn -B -ntp -q -pl bench -am -Pbenchmarks package -DskipTests
{
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  grep -m1 MemTotal /proc/meminfo
  uname -sr
  for j in $JVMS; do echo "jvm: $j -> $("$j" -version 2>&1 | sed -n 2p)"; done
  echo "python: $(python3 --version 2>&1)"
  echo "jmh options: $JMH_OPTS"
  echo "jvm flags: $JVM_FLAGS"
  echo "gc variants (ints loads): $GC_VARIANTS"
  echo "cpython: PYTHONMALLOC=pymalloc and =malloc, the faster per row; GLIBC_TUNABLES=$PY_TUNABLES"
  echo "rounds: $ROUNDS (Pyrolite in the first $PYROLITE_ROUNDS, fresh dumps in the first $FRESH_ROUNDS)"
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (dirty)')"
} > "$RESULTS/machine.txt"

if ! skip codec; then
  for round in $(seq 1 "$ROUNDS"); do
    for payload in ${PAYLOADS//,/ }; do
      log "round $round: $payload"
      fresh=
      if [ "$round" -le "$FRESH_ROUNDS" ]; then
        fresh=--fresh
        rows='picklewire(Loads|Dumps|FreshDumps)'
      else
        rows='picklewire(Loads|Dumps)'
      fi
      [ "$round" -le "$PYROLITE_ROUNDS" ] && rows="($rows|pyrolite(Loads|Dumps))"
      # CPython at its best on this VM, as the JVMs get a pre-touched heap: memory freed here goes back to the
      # hypervisor, and touching it again costs a host fault (the slow first touch), which CPython would pay on
      # every operation that frees and mallocs big blocks or pymalloc arenas (`records` protocol 5 dumps ran
      # about 6x slower right after a JVM had freed its heap). So glibc keeps what it frees, and each payload
      # runs with pymalloc and with plain malloc (which then keeps small objects' memory too); the report takes
      # the faster of the two per row.
      for alloc in pymalloc malloc; do
        PYTHONMALLOC=$alloc GLIBC_TUNABLES=$PY_TUNABLES python3 bench/python/bench_cpython.py \
            "$PICKLEWIRE_PAYLOADS" "$RESULTS/r$round-$payload-cpython-$alloc.json" --only "$payload" --repeat 3 \
            ${fresh:+"$fresh"} > /dev/null
      done
      regex="CodecBench.$rows"
      [ "$payload" = bytes100m ] && regex="CodecBench.($rows|memcpyBaseline)"
      for jvm in $JVMS; do
        v=$(jvm_name "$jvm")
        jmh "$jvm" "$payload" "$regex" "$RESULTS/r$round-$payload-java$v.json"
        if [ "$payload" = ints ]; then
          for variant in $GC_VARIANTS; do
            jmh "$jvm" ints 'CodecBench.picklewireLoads' "$RESULTS/r$round-ints-java$v+${variant%%:*}.json" \
                "${variant#*:}"
          done
        fi
      done
    done
  done
  log "capabilities"
  java $JVM_FLAGS -cp "$JAR" dev.picklewire.bench.Capabilities > "$RESULTS/capabilities.tsv"
fi

if ! skip loopback; then
  for jvm in $JVMS; do
    v=$(jvm_name "$jvm")
    log "loopback on java $v"
    # shellcheck disable=SC2086
    "$jvm" $JVM_FLAGS -cp "$JAR" dev.picklewire.bench.LoopbackBench raw-tutorial pw-tutorial \
        --repeats "$LOOP_REPEATS" --messages "$LOOP_MESSAGES" > "$RESULTS/loopback-java$v.jsonl" \
        || log "loopback on $v failed"
    # shellcheck disable=SC2086
    "$jvm" $JVM_FLAGS -cp "$JAR" dev.picklewire.bench.LoopbackBench pw-tutorial-send --repeats "$LOOP_REPEATS" \
        --messages "$LOOP_SEND_MESSAGES" >> "$RESULTS/loopback-java$v.jsonl" || log "loopback send on $v failed"
  done
  # The 100 MB pair, alternating JVMs round by round: each invocation's raw pump is the yardstick of its own
  # picklewire rows, minutes apart at most.
  for round in $(seq 1 "$BIG_ROUNDS"); do
    for jvm in $JVMS; do
      v=$(jvm_name "$jvm")
      log "loopback 100 MB round $round on java $v"
      # shellcheck disable=SC2086
      "$jvm" $JVM_FLAGS -cp "$JAR" dev.picklewire.bench.LoopbackBench raw-bytes100m pw-bytes100m \
          pw-bytes100m-trusted --repeats 3 > "$RESULTS/big$round-java$v.jsonl" || log "100 MB on $v failed"
    done
  done
fi
if ! skip loopback && ! skip pyloop; then
  log "loopback python"
  # glibc keeps freed memory here too (pymalloc, the default: the loopback moves small objects)
  GLIBC_TUNABLES=$PY_TUNABLES python3 bench/python/loopback.py tutorial-framing mp-connection \
      --repeats "$LOOP_REPEATS" --messages "$PY_MESSAGES" > "$RESULTS/loopback-python.jsonl"
  GLIBC_TUNABLES=$PY_TUNABLES python3 bench/python/loopback.py tutorial-framing-bytes100m mp-connection-bytes100m \
      --repeats "$LOOP_REPEATS" >> "$RESULTS/loopback-python.jsonl"
fi

python3 bench/python/report.py "$RESULTS" > "$RESULTS/summary.md"
log "done: $RESULTS/summary.md"
