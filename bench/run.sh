#!/usr/bin/env bash
# Baton's benchmark harness. Measures what docs/performance.md records and compares with the
# recorded figures (bench/baseline.json): any figure more than 20% worse is reported.
#
#   bench/run.sh            # H2 only
#   scripts/test-services.sh bench/run.sh   # H2 and PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
events=${BATON_BENCH_EVENTS:-1000000}
./mvnw -B -q test -Dtest=AuditAndRegistrationBenchmark -Dbaton.excludedGroups= \
  -Dbaton.bench.events="$events" -Dsurefire.failIfNoSpecifiedTests=false
python3 bench/compare.py target/bench/audit.json bench/baseline.json
