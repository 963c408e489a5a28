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
source bench/common.sh
OUT=$RESULTS/paired
mkdir -p "$OUT"

python3 bench/payloads/make_payloads.py "$PICKLEWIRE_PAYLOADS"
build_jar
{ describe_machine; echo "rounds: $ROUNDS"; } > "$OUT/machine.txt"

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
