#!/usr/bin/env bash
# Portal benchmark (issue 6): home page server time with 20 apps installed and 100 to-dos, then
# 1,000 logged-in users browsing for 5 minutes over loopback; see kernel/itests PortalBench.
# Usage: bench/portal.sh [users] [seconds]   (build first: mvn install -DskipTests)
# Runs the real distribution under Pax Exam on the local MariaDB (127.0.0.1:3306, as the tests do),
# the test ports (8281, 8201: clear of a running kernel), shifted by EDUCLOUD_BENCH_PORT_OFFSET if other suites run beside it.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
users="${1:-1000}"
seconds="${2:-300}"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); before: $(uptime)"
cd "$here"
mvn -B -q verify -pl kernel/itests -Dit.test=PortalBench -Deducloud.bench.portal=true \
  -Deducloud.bench.users="$users" -Deducloud.bench.seconds="$seconds" \
  -Deducloud.itest.portOffset="${EDUCLOUD_BENCH_PORT_OFFSET:-0}" ${MAVEN_ARGS:-} 2>&1 \
  | grep --line-buffered -E '^\[bench\]|ERROR|FAIL' || true
echo "after: $(uptime)"
