# Sourced by bench/run.sh and bench/paired.sh (from the repository's root): the settings both read from the
# environment, and the helpers both use. A script sets its own defaults (HEAP, JMH_OPTS) before sourcing.
HEAP=${HEAP:-3g}
# GC_FLAGS picks another collector (e.g. -XX:+UseParallelGC); report.py labels each JMH table with the
# collector its forks ran with.
GC_FLAGS=${GC_FLAGS:-}
JVM_FLAGS="-Xms$HEAP -Xmx$HEAP -XX:+AlwaysPreTouch${GC_FLAGS:+ $GC_FLAGS}"
TEMURIN25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JVMS=${JVMS:-"java $TEMURIN25"}
export PICKLEWIRE_PAYLOADS=${PICKLEWIRE_PAYLOADS:-$PWD/bench/target/payloads}
JAR=bench/target/benchmarks.jar

jvm_name() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.version = //p' | head -1; }
log() { echo "[$(date -u +%H:%M:%S)] $*"; }

# The machine, the runtimes and the settings of this run, for the results directory's machine.txt.
describe_machine() {
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  grep -m1 MemTotal /proc/meminfo
  uname -sr
  for j in $JVMS; do echo "jvm: $j -> $("$j" -version 2>&1 | sed -n 2p)"; done
  echo "python: $(python3 --version 2>&1)"
  echo "jmh options: $JMH_OPTS"
  echo "jvm flags: $JVM_FLAGS"
  echo "date: $(date -u +%FT%TZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (dirty)')"
}

build_jar() {
  log "building $JAR"
  mvn -B -ntp -q -pl bench -am -Pbenchmarks package -DskipTests
}
