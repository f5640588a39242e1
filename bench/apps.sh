#!/usr/bin/env bash
# App center benchmarks (issue 5), on a kernel started with ./educloud run (embedded database, port 8181/8101):
#   1. install-to-first-200: from app:install of the stored notices package (the SSH login included)
#      until its page /apps/notices/ answers 200; karaf.log shows the kernel's part (Installing app → live);
#   2. failed requests to other apps during install, upgrade and uninstall cycles of hello-school while
#      8 clients load notices' page and the health API;
#   3. resident memory the kernel JVM gains per installed app (after a full GC each time);
#   4. failed requests to hello-school's own API (8 clients with a client-credentials token) while it is
#      upgraded from 1.0.0 to 1.1.0: the old version must serve until the new one does.
# Usage: EDUCLOUD_OPERATOR_PASSWORD=... bench/apps.sh [cycles]   (build first: mvn install -DskipTests)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
kernel="$here/kernel/distribution/target/assembly"
cycles="${1:-5}"
: "${EDUCLOUD_OPERATOR_PASSWORD:?set EDUCLOUD_OPERATOR_PASSWORD to the password of the operator login}"
base=http://localhost:8181
school=/37/3701/370102/3701020001
notices="$here/sample-plugins/notices/app/target/notices-app-1.0.0.kar"
hello1="$here/sample-plugins/hello-school/app/target/hello-school-app-1.0.0.kar"
hello2="$here/sample-plugins/hello-school/app-1.1/target/hello-school-app-1.1.0.kar"
askpass=$(mktemp); trap 'rm -f "$askpass"' EXIT
printf '#!/bin/sh\necho "%s"\n' "$EDUCLOUD_OPERATOR_PASSWORD" > "$askpass"; chmod 700 "$askpass"
shell() { SSH_ASKPASS="$askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=x setsid ssh -q -o StrictHostKeyChecking=no \
  -o UserKnownHostsFile=/dev/null -p 8101 operator@127.0.0.1 "$1" < /dev/null; }
jvm=$(pgrep -f "karaf.home=$kernel .*org.apache.karaf.main.Main" | head -1)
rss() { jcmd "$jvm" GC.run >/dev/null; sleep 2; awk '/VmRSS/ {print int($2/1024)}' "/proc/$jvm/status"; }
now() { date +%s%N; }
# A package file the first time, the stored package afterwards (a stored version cannot be stored again).
package() { if shell "app:show $1" 2>/dev/null | grep -q "$2"; then echo "$1 $2"; else echo "$3"; fi; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

shell "app:uninstall -o $school notices" >/dev/null 2>&1 || true
shell "app:uninstall -o $school hello-school" >/dev/null 2>&1 || true
before=$(rss)
stored=$(package notices 1.0.0 "$notices")
t0=$(now)
shell "app:install -o $school $stored" >/dev/null
until [ "$(curl -s -o /dev/null -w '%{http_code}' $base/apps/notices/)" = 200 ]; do sleep 0.02; done
t1=$(now)
echo "install-to-first-200 (notices, app:install over SSH, login included, until /apps/notices/ answers): $(( (t1 - t0) / 1000000 )) ms"
after_one=$(rss)
echo "RSS kernel JVM: ${before} MB before, ${after_one} MB with notices (+$((after_one - before)) MB)"

stop=$(mktemp -u)
java "$here/bench/AppCycleLoad.java" 8 "$stop" "$base/apps/notices/" "$base/apps/notices/notices.js" \
  "$base/api/platform/v1/health" > /tmp/app-cycle-load.out 2>/tmp/app-cycle-load.err &
load=$!
sleep 3
for i in $(seq 1 "$cycles"); do
  shell "app:install -o $school $(package hello-school 1.0.0 "$hello1")" >/dev/null
  shell "app:upgrade $(package hello-school 1.1.0 "$hello2")" >/dev/null
  [ "$i" = 1 ] && with_two=$(rss)
  shell "app:uninstall -o $school hello-school" >/dev/null
done
touch "$stop"; wait "$load"
echo "during $cycles install/upgrade/uninstall cycles of hello-school, load on notices and health: $(cat /tmp/app-cycle-load.out)"
echo "RSS kernel JVM with notices and hello-school 1.1.0: ${with_two} MB (+$((with_two - after_one)) MB for the second app)"
sort /tmp/app-cycle-load.err | uniq -c | head -5
rm -f "$stop"

client="bench-upgrade-$(date +%s)"
secret=$(shell "client:add --name-zh 升级压测 -m client_secret_post -g client_credentials -s basedata.read -o /37/3701 $client" \
  | sed -n 's/^Client secret (shown once, store it now): //p' | tr -d '\r')
token=$(curl -s -d "grant_type=client_credentials&scope=basedata.read&client_id=$client&client_secret=$secret" $base/oauth2/token \
  | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
greeting=$base/apps/hello-school/api/greeting
: > /tmp/app-upgrade-load.all; : > /tmp/app-upgrade-load.err
for i in $(seq 1 "$cycles"); do
  shell "app:install -o $school $(package hello-school 1.0.0 "$hello1")" >/dev/null
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" $greeting)" = 200 ]; do sleep 0.05; done
  java "$here/bench/AppCycleLoad.java" 8 "$stop" "--bearer=$token" "$greeting" > /tmp/app-upgrade-load.out 2>>/tmp/app-upgrade-load.err &
  load=$!
  sleep 2
  shell "app:upgrade $(package hello-school 1.1.0 "$hello2")" >/dev/null
  until curl -s -H "Authorization: Bearer $token" $greeting | grep -q '"1.1.0"'; do sleep 0.05; done
  sleep 1
  touch "$stop"; wait "$load"; rm -f "$stop"
  cat /tmp/app-upgrade-load.out >> /tmp/app-upgrade-load.all
  shell "app:uninstall -o $school hello-school" >/dev/null
done
echo "hello-school's own API during its upgrade 1.0.0 -> 1.1.0, $cycles times (each: requests, failed):" $(tr '\n' ';' < /tmp/app-upgrade-load.all)
sort /tmp/app-upgrade-load.err | uniq -c | head -5
shell "client:remove $client" >/dev/null 2>&1 || true
