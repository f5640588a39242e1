#!/usr/bin/env bash
# Basic-data benchmarks against the MariaDB server at 127.0.0.1:3306 (root, empty password), as in the
# module's unit tests: bulk import rows/s and peak heap, native list and OneRoster page latency, data:generate.
# Usage: bench/basedata.sh [students] [generate-scale]   (defaults 1000000 and 0.001)
#        WRITERS=N bench/basedata.sh ...   the import's write lanes (importWriters; default 2)
# Figures and the machine they were taken on: docs/benchmarks.md. Not a test: nothing fails on a slow run.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-1000000}"
scale="${2:-0.001}"
repo="${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); $(uptime)"
if command -v mysql >/dev/null; then
    echo "server: $(mysql -h127.0.0.1 -uroot -N -e "SELECT CONCAT(VERSION(), ', innodb_buffer_pool_size ', @@innodb_buffer_pool_size DIV 1048576, ' MB, innodb_flush_log_at_trx_commit ', @@innodb_flush_log_at_trx_commit)" 2>&1)"
fi
cd "$here"
mvn -B -q -o $repo install -DskipTests -pl core-bundles/basedata -am
mvn -B -q -o $repo test -pl core-bundles/basedata -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Deducloud.bench.rows="$rows" -Deducloud.bench.generate="$scale" -Deducloud.bench.writers="${WRITERS:-2}" -DargLine=-Xmx256m | grep BENCH
echo "after: $(uptime)"
