#!/usr/bin/env bash
# Cold start (bin/start to health 200) and resident memory after boot, of the built distribution.
# Usage: bench/boot.sh [runs]   (build first: mvn install -DskipTests)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
kernel="$here/kernel/distribution/target/assembly"
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
export EDUCLOUD_OPERATOR_PASSWORD="${EDUCLOUD_OPERATOR_PASSWORD:-bench-password-123}"
runs="${1:-3}"
# Only this kernel's processes: other Karaf JVMs and MariaDB servers (e.g. one on 3306) may run beside it.
kernel_jvm() { pgrep -f "karaf.home=$kernel .*org.apache.karaf.main.Main" | head -1 || true; }
embedded_db() { pgrep -f "^$kernel/mariadb/bin/mariadbd" | head -1 || true; }
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
for i in $(seq 1 "$runs"); do
  t0=$(date +%s%N)
  "$kernel/bin/start" >/dev/null 2>&1
  until [ "$(curl -s -o /dev/null -w '%{http_code}' http://localhost:8181/api/platform/v1/health)" = 200 ]; do sleep 0.05; done
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  sleep 5
  jvm=$(kernel_jvm)
  db=$(embedded_db)
  rss_jvm=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$jvm/status)
  rss_db=$([ -n "$db" ] && awk '/VmRSS/ {print int($2/1024)}' /proc/$db/status || echo 0)
  echo "run $i: start-to-health-200 ${ms} ms; RSS kernel JVM ${rss_jvm} MB, embedded mariadbd ${rss_db} MB"
  "$kernel/bin/stop" >/dev/null 2>&1 || true
  while [ -n "$(kernel_jvm)" ]; do sleep 0.2; done
  while [ -n "$(embedded_db)" ]; do sleep 0.2; done
done
