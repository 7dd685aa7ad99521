#!/usr/bin/env bash
# Baton's benchmark harness (DESIGN §8). Builds the fat jar, runs the stages, merges their figures
# into target/bench/results.json and compares them with the recorded ones (bench/baseline.json):
# any figure more than 20% worse is reported. Everything runs on 127.0.0.1 with bounded durations.
#
#   bench/run.sh                              # every stage, as recorded in docs/performance.md
#   BATON_BENCH_QUICK=1 bench/run.sh          # short durations (a smoke run, figures not comparable)
#   BATON_BENCH_STAGES="ack deploy" bench/run.sh      # only some stages
#   scripts/test-services.sh bench/run.sh     # with PostgreSQL (audit) and the real docker-registry
#
# Stages (BATON_BENCH_STAGES, default "ack deploy startup audit wakeup gitops"):
#   ack      Slack acknowledgement latency of the packaged Baton and of the bare Bolt app at
#            BATON_BENCH_RATE signed requests/s (default 200, open loop), interleaved: after
#            BATON_BENCH_WARMUP s (15) of each, BATON_BENCH_SEGMENTS pairs (10) of
#            BATON_BENCH_SEGMENT_SECONDS s (6) segments, alternating which app goes first; the
#            median of the per-pair p99 ratios over the pairs where the generator kept up (late
#            sends <= 1%); both apps' RSS afterwards. BATON_BENCH_ACK_AOT=true runs both as the
#            image does: on BATON_BENCH_JDK25, each with an AOT cache trained first on the same flags
#   deploy   BATON_BENCH_SAMPLES promotions (8): final approval -> first cluster write, rollout
#            completion -> Baton's next request
#   startup  BATON_BENCH_STARTS starts (5) per variant: JDK 17, JDK 17 + AppCDS, JDK 25, JDK 25 +
#            AOT cache (BATON_BENCH_JDK25, default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java),
#            each interleaved with a start of the bare Bolt app under the same variant (its own
#            archive): Baton's median and the median of the per-start ratios, for a fresh
#            database and for a restart in the same directory (restartMedianMs, restartRatioMedian);
#            BATON_BENCH_WITH_JDK17=false measures only the JDK 25 variants (for JDK 25-only flags)
#   audit    audit queries over BATON_BENCH_EVENTS events (1000000) and build registrations
#   wakeup   BATON_BENCH_WAKEUPS samples (30) of each: bake end -> first cluster write in the next
#            environment (3 s minimum bake), build registration -> first write in the first
#            environment while it is idle, and while it still rolls out the previous build (from
#            that rollout's completion)
#   gitops   BATON_BENCH_SAMPLES promotions (8) into a GitOps prod through the real Git server
#            (needs scripts/test-services.sh; skipped without it): final approval -> push accepted
#            by the server, push -> controller applied, rollout complete -> chat.update and ->
#            recorded (the benchmark plays Argo CD / Flux and the Deployment controller)
#   bake     the metric-gated bake's cost: two packaged Batons with 10 apps in test and sandbox,
#            one evaluating 2 checks per app in both every BATON_BENCH_BAKE_INTERVAL (10s) against
#            the real Prometheus, the other without analysis, interleaved under the ack load (same
#            BATON_BENCH_RATE / WARMUP / SEGMENTS / SEGMENT_SECONDS): median of the watched /
#            unwatched p99 ratios, and Prometheus queries per minute counted by a proxy (needs
#            scripts/test-services.sh; skipped without it). Not in the default stages.
#   memory   Baton on JDK 25 inside a kernel memory limit (a cgroup of BATON_BENCH_MEMORY_LIMIT,
#            512m; needs root): BATON_BENCH_MEMORY_SECONDS (60) of the ack load with ten
#            promotions in flight at once, with an AOT cache trained first as the image has it
#            (BATON_BENCH_MEMORY_AOT=false: without); the cgroup's peak, limit hits and OOM kills. Not in the
#            default stages; give the image's flags in BATON_BENCH_JVM.
#   handover BATON_BENCH_HANDOVERS trials (10) of SIGTERM of the replica driving a prod promotion
#            that waits on a held rollout -> the other replica resumed it, and BATON_BENCH_KILLS
#            (5) of SIGKILL -> resumed (and how long after the dead lease's expiry); two packaged
#            Batons on PostgreSQL: needs scripts/test-services.sh. Not in the default stages.
#   reconnect BATON_BENCH_RECONNECTS trials (10) of each Socket Mode loss (abrupt drop, drop then a
#            failed apps.connections.open, refresh disconnect) -> connected again, against the
#            Socket Mode stand-in. Not in the default stages.
#   dora     the query behind /baton dora (every environment, 30 days; prod over 366 days) over a
#            year of one app's deployments and promotions beside BATON_BENCH_EVENTS audit rows
#            (1000000); H2, and PostgreSQL with scripts/test-services.sh. Not in the default stages.
# JVM flags for Baton and the bare app alike: BATON_BENCH_JVM (default none).
set -euo pipefail
cd "$(dirname "$0")/.."
stages=" ${BATON_BENCH_STAGES:-ack deploy startup audit wakeup gitops} "
if [ "${BATON_BENCH_QUICK:-0}" = 1 ]; then
  : "${BATON_BENCH_WARMUP:=5}" "${BATON_BENCH_SEGMENTS:=4}" "${BATON_BENCH_SEGMENT_SECONDS:=3}"
  : "${BATON_BENCH_SAMPLES:=3}"
  : "${BATON_BENCH_STARTS:=2}" "${BATON_BENCH_EVENTS:=100000}" "${BATON_BENCH_WAKEUPS:=3}"
fi
has() { [[ "$stages" == *" $1 "* ]]; }

mkdir -p target/bench
rm -f target/bench/slack.json target/bench/startup.json target/bench/audit.json \
  target/bench/wakeup.json target/bench/bake.json target/bench/memory.json target/bench/handover.json target/bench/reconnect.json target/bench/dora.json target/bench/gitops.json \
  target/bench/results.json
tests=()
if has ack || has deploy; then tests+=(SlackAndDeployBenchmark); fi
if has startup; then tests+=(StartupBenchmark); fi
if has audit; then tests+=(AuditAndRegistrationBenchmark); fi
if has wakeup; then tests+=(WakeUpBenchmark); fi
if has bake; then tests+=(BakeOverheadBenchmark); fi
if has memory; then tests+=(MemoryLimitBenchmark); fi
if has handover; then tests+=(HandOverBenchmark); fi
if has reconnect; then tests+=(SocketModeReconnectBenchmark); fi
if has dora; then tests+=(DoraBenchmark); fi
if has gitops; then tests+=(GitOpsBenchmark); fi
if [ ${#tests[@]} = 0 ]; then echo "bench: no stage in BATON_BENCH_STAGES=$stages" >&2; exit 2; fi

if has ack || has deploy || has startup || has wakeup || has bake || has memory || has handover || has gitops; then
  ./mvnw -B -q package -DskipTests
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/bench/runtime.classpath
fi
./mvnw -B -q test -Dtest="$(IFS=,; echo "${tests[*]}")" -Dbaton.excludedGroups= \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbaton.bench.classpath=target/bench/runtime.classpath \
  -Dbaton.bench.ack="$(has ack && echo true || echo false)" \
  -Dbaton.bench.deploy="$(has deploy && echo true || echo false)" \
  -Dbaton.bench.rate="${BATON_BENCH_RATE:-200}" \
  -Dbaton.bench.warmup="${BATON_BENCH_WARMUP:-15}" \
  -Dbaton.bench.segments="${BATON_BENCH_SEGMENTS:-10}" \
  -Dbaton.bench.segment-seconds="${BATON_BENCH_SEGMENT_SECONDS:-6}" \
  -Dbaton.bench.samples="${BATON_BENCH_SAMPLES:-8}" \
  -Dbaton.bench.starts="${BATON_BENCH_STARTS:-5}" \
  -Dbaton.bench.jdk25="${BATON_BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}" \
  -Dbaton.bench.jvm="${BATON_BENCH_JVM:-}" \
  -Dbaton.bench.jdk17="${BATON_BENCH_WITH_JDK17:-true}" \
  -Dbaton.bench.events="${BATON_BENCH_EVENTS:-1000000}" \
  -Dbaton.bench.wakeups="${BATON_BENCH_WAKEUPS:-30}" \
  -Dbaton.bench.handovers="${BATON_BENCH_HANDOVERS:-10}" \
  -Dbaton.bench.kills="${BATON_BENCH_KILLS:-5}" \
  -Dbaton.bench.reconnects="${BATON_BENCH_RECONNECTS:-10}" \
  -Dbaton.bench.bake-interval="${BATON_BENCH_BAKE_INTERVAL:-10s}" \
  -Dbaton.bench.memory-limit="${BATON_BENCH_MEMORY_LIMIT:-512m}" \
  -Dbaton.bench.memory-seconds="${BATON_BENCH_MEMORY_SECONDS:-60}" \
  -Dbaton.bench.memory-aot="${BATON_BENCH_MEMORY_AOT:-true}" \
  -Dbaton.bench.ack-aot="${BATON_BENCH_ACK_AOT:-false}"

results=()
for f in slack startup audit wakeup bake memory handover reconnect dora gitops; do
  [ -f "target/bench/$f.json" ] && results+=("target/bench/$f.json")
done
python3 bench/compare.py --out target/bench/results.json "${results[@]}" bench/baseline.json
echo "bench: figures in target/bench/results.json (commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown))"
