#!/usr/bin/env bash
# Scale-out proof on one machine, without containers: one throw-away PostgreSQL (.ci/pg.sh), the `migrate` command
# once, two API processes (Jobs:Enabled=false) and two job servers (Api:Enabled=false) of the Release build on
# loopback ports, all with Database:MigrateOnStartup=false. A small mixed load (teachers created on one API process,
# read back from the other, lists read from both) runs through four drills:
#   steady      both API processes up;
#   api-kill    one API process killed (SIGKILL) mid-load, then started again;
#   jobs-kill   the daily reminders made due today and run every minute; the job server running the reminder job
#               killed mid-job (the table says whether it was caught running; otherwise one is killed after the run);
#   db-restart  PostgreSQL stopped under load for a few seconds, then started again.
# Then every 201 is read back, and the stored reminders are compared with the plan (each exactly once).
# Prints a table; exits non-zero on any lost write, missing or doubled reminder, answer other than 503 (or a refused
# connection) during the database outage, or failed step.
# Usage: tests/Load/cluster.sh           (about three minutes on two cores, most of it the Release publish)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=.ci/pg.sh
source "$ROOT/.ci/pg.sh"

WORK=$(mktemp -d /tmp/mentorcloud-cluster.XXXXXX)
declare -A PID=()
declare -a LOAD=()
cleanup() {
    local name
    touch "$WORK/stop" 2>/dev/null || true
    for name in "${LOAD[@]}"; do kill "$name" 2>/dev/null || true; done
    for name in "${!PID[@]}"; do kill "${PID[$name]}" 2>/dev/null || true; done
    for name in "${!PID[@]}"; do wait "${PID[$name]}" 2>/dev/null || true; done
    pg_stop
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '[cluster %s] %s\n' "$(date +%T)" "$*"; }
# The reason is printed again after the logs' tails, so it ends the output whatever part of it a reader sees.
fail() {
    say "FAIL: $*"
    for f in "$WORK"/*.log; do [[ -f $f ]] && { echo "--- $f (tail)"; tail -n 20 "$f"; }; done
    say "FAIL: $*"
    exit 1
}

say "publishing the Release build"
dotnet publish "$ROOT/src/WebApi/MentorCloud.WebApi.csproj" -c Release -o "$WORK/app" -p:UseAppHost=false --nologo -v quiet >"$WORK/publish.log" 2>&1 \
    || { cat "$WORK/publish.log"; fail "publish"; }

pg_start
PG_PORT=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$MENTORCLOUD_TEST_POSTGRES")
PG_PASSWORD=$(sed -E 's/.*Password=([^;]+).*/\1/' <<<"$MENTORCLOUD_TEST_POSTGRES")
DB=mentorcloud_cluster
psql_q() { PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -tAq -c "$1"; }
pg_stop_server() { pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w -t 60 stop >/dev/null; }
pg_start_server() { pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -o "-p $PG_PORT" -w -t 60 start >/dev/null; }

# One configuration for every process, as a container platform would give it; Development for the demo school.
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export Database__Provider=PostgreSql Database__MigrateOnStartup=false
export ConnectionStrings__Default="${MENTORCLOUD_TEST_POSTGRES/Database=postgres/Database=$DB};Timeout=3;Command Timeout=10"
export Jwt__SigningKey; Jwt__SigningKey=$(head -c 48 /dev/urandom | base64 -w0)
export Demo__Seed=false RateLimiting__Token__PermitLimit=100000 Serilog__MinimumLevel__Default=Warning
export Jobs__Recurring__reminders__Cron='* * * * *' Jobs__Recurring__retention__Cron='-' Jobs__TimeZone=UTC

say "migrate command"
(cd "$WORK/app" && dotnet MentorCloud.WebApi.dll migrate) >"$WORK/migrate.log" 2>&1 || fail "migrate exited with $?"
[[ -n $(psql_q "SELECT 1 FROM pg_tables WHERE tablename = 'Schools'") ]] || fail "migrate left no catalog"

# Ports below the ephemeral range (pg.sh), so a killed process's port is still free when it starts again.
declare -A PORT=()
for name in api1 api2 job1 job2; do
    for ((i = 0; i < 20; i++)); do
        port=$(free_listen_port) || fail "no free port"
        [[ $port != "$PG_PORT" && " ${PORT[*]} " != *" $port "* ]] && break
    done
    PORT[$name]=$port
done

start() { # name, extra VAR=value...
    local name=$1; shift
    (cd "$WORK/app" && exec env "$@" ASPNETCORE_URLS="http://127.0.0.1:${PORT[$name]}" dotnet MentorCloud.WebApi.dll) >>"$WORK/$name.log" 2>&1 &
    PID[$name]=$!
}
wait_ready() {
    local name=$1 i
    for ((i = 0; i < 360; i++)); do   # up to three minutes: a loaded two-core machine starts .NET slowly
        curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:${PORT[$name]}/health/ready" && return 0
        kill -0 "${PID[$name]}" 2>/dev/null || fail "$name exited at start"
        sleep 0.5
    done
    fail "$name not ready after three minutes"
}
start_api() { start "$1" Jobs__Enabled=false "${@:2}"; }
start_job() { start "$1" Api__Enabled=false Jobs__Enabled=true; }

say "starting 2 API processes and 2 job servers"
start_api api1 Demo__Seed=true    # seeds the demo school once
wait_ready api1
start_api api2; start_job job1; start_job job2
for n in api2 job1 job2; do wait_ready "$n"; done
curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORT[job1]}/api/v1/auth/token" | grep -q 404 || fail "a job server serves the API"

json() { sed -nE "s/.*\"$1\":\"([^\"]+)\".*/\1/p"; }
first_2xx() { # method url [body]: the body of the first 2xx answer, trying up to five times (the set-up steps share
    local i out  # the machine with the load and must not fail on one slow or refused request)
    for ((i = 0; i < 5; i++)); do
        out=$(curl -s --max-time 20 -w '\n%{http_code}' -X "$1" "$2" \
            ${TOKEN:+-H "Authorization: Bearer $TOKEN"} -H 'Content-Type: application/json' ${3:+-d "$3"} || true)
        if [[ ${out##*$'\n'} == 2?? ]]; then printf '%s\n' "${out%$'\n'*}"; return 0; fi
        sleep 1
    done
    say "$1 $2 answered ${out##*$'\n'} five times: ${out%$'\n'*}" >&2
    return 1
}
TOKEN=""
TOKEN=$(first_2xx POST "http://127.0.0.1:${PORT[api1]}/api/v1/auth/token" '{"username":"demo-admin","password":"Demo#2026"}' | json accessToken || true)
[[ -n $TOKEN ]] || fail "no token"
SCHOOL=api/v1/schools/demo-school
call() { first_2xx "$2" "http://127.0.0.1:${PORT[$1]}/$SCHOOL/$3" "${4:-}"; } # api method path [body]

# ---- load: each worker alternates a write on one API process with reads on the other ------------------------------
PHASE_FILE=$WORK/phase
echo steady >"$PHASE_FILE"
worker() {
    local w=$1 n=0 a b phase out code id started elapsed
    while [[ ! -f $WORK/stop ]]; do
        phase=$(<"$PHASE_FILE")
        if (((n + w) % 2)); then a=api1 b=api2; else a=api2 b=api1; fi
        n=$((n + 1))
        started=$(date +%s%N)
        out=$(curl -s --max-time 10 -w '\n%{http_code}' -X POST "http://127.0.0.1:${PORT[$a]}/$SCHOOL/teachers" \
            -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            -d "{\"name\":\"负载教师$w-$n\",\"employeeNo\":\"CL-$w-$n\",\"subjects\":[]}" || true)
        code=${out##*$'\n'}; elapsed=$((($(date +%s%N) - started) / 1000000))
        echo "$phase POST $a ${code:-000} $elapsed" >>"$WORK/requests.$w"
        if [[ $code == 201 ]]; then
            id=$(json id <<<"${out%$'\n'*}")
            echo "$id CL-$w-$n" >>"$WORK/acked.$w"
            started=$(date +%s%N)
            code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORT[$b]}/$SCHOOL/teachers/$id" -H "Authorization: Bearer $TOKEN" || true)
            echo "$phase GET $b ${code:-000} $((($(date +%s%N) - started) / 1000000))" >>"$WORK/requests.$w"
        fi
        started=$(date +%s%N)
        code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORT[$b]}/$SCHOOL/teachers?pageSize=20" -H "Authorization: Bearer $TOKEN" || true)
        echo "$phase GET $b ${code:-000} $((($(date +%s%N) - started) / 1000000))" >>"$WORK/requests.$w"
    done
}
WORKERS=3
for ((w = 1; w <= WORKERS; w++)); do worker "$w" & LOAD+=($!); done

say "drill steady"
sleep 6

say "drill api-kill: SIGKILL api1 under load, then start it again"
echo api-kill >"$PHASE_FILE"
sleep 2
kill -9 "${PID[api1]}"; wait "${PID[api1]}" 2>/dev/null || true
sleep 4
start_api api1; wait_ready api1

say "drill jobs-kill: reminders due today, one job server killed as the run starts"
echo jobs-kill >"$PHASE_FILE"
semester_ends=$(call api2 GET semesters/current | json endsOn || true)
[[ -n $semester_ends ]] || fail "no current semester"
# The school day is Asia/Shanghai's, as the jobs and the preview count it (from 16:00 UTC it is already tomorrow there).
today=$(TZ=Asia/Shanghai date +%F)
days_left=$((($(date -u -d "$semester_ends" +%s) - $(date -u -d "$today" +%s)) / 86400))
policy=$(call api2 GET policy) || fail "the policy could not be read"
day=$((10#$(TZ=Asia/Shanghai date +%d)))
new_policy=$(jq -c --argjson d "$days_left" --argjson m "$((day > 28 ? 28 : day))" \
    '{maxStudentsPerMentor, maxMentorsPerStudent, maxPreferences, minTalks, minParentContacts, minEvaluations, monthlyReportRequired,
      requireGuardianConsent, reminderDaysBeforeEnd: (if $d >= 1 and $d <= 180 then [$d] else .reminderDaysBeforeEnd end),
      monthlyReportReminderDay: $m}' <<<"$policy")
call api2 PUT policy "$new_policy" >/dev/null || fail "the policy update was refused"
expected=$(call api2 GET "reminders/preview?asOf=$today" | jq '.items | length') || fail "the reminder preview could not be read"
((expected > 0)) || fail "no reminders planned for $today: the drill would prove nothing"
# The demo school already holds the reminders of its semester's past days: count only what the drill adds.
reminders_before=$(psql_q "SELECT count(*) FROM \"Notifications\" WHERE \"Kind\" LIKE 'reminder.%'")
distinct_before=$(psql_q "SELECT count(DISTINCT \"UniqueKey\") FROM \"Notifications\" WHERE \"Kind\" LIKE 'reminder.%'")
messages_before=$(psql_q "SELECT count(*) FROM \"OutboxMessages\" WHERE \"Type\" = 'reminder.created'" 2>/dev/null || echo 0)
# The recurring run starts at the next minute. The job server whose worker is running the school's ReminderJob (the
# Processing state names its server, whose name holds the process id) is killed with SIGKILL right then, mid-job.
# Killing at the minute boundary itself would often catch the server holding the recurring scheduler's lock, which
# Hangfire's PostgreSQL storage keeps for 10 minutes after a crash.
processing_reminder="SELECT st.data::json->>'ServerId' FROM hangfire.job j JOIN hangfire.state st ON st.id = j.stateid
    WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE '%ReminderJob%' AND j.invocationdata::text NOT LIKE '%FanOut%' LIMIT 1"
sleep $((60 - 10#$(date -u +%S)))
killed="" caught=no polls=0
while [[ -z $killed ]] && ((polls++ < 300)); do
    server=$(psql_q "$processing_reminder" 2>/dev/null || true)
    if [[ -n $server ]]; then
        server_pid=$(cut -d: -f2 <<<"$server")
        for n in job1 job2; do
            if [[ ${PID[$n]} == "$server_pid" ]]; then killed=$n caught=yes; fi
        done
    fi
    [[ -n $killed ]] || sleep 0.05
done
if [[ -z $killed ]]; then killed=job1; fi   # the run was over before it was seen: kill one anyway
kill -9 "${PID[$killed]}"; wait "${PID[$killed]}" 2>/dev/null || true
say "killed $killed (mid reminder job: $caught)"
stored=0
for ((i = 0; i < 150; i++)); do
    stored=$(psql_q "SELECT count(*) FROM \"Notifications\" WHERE \"Kind\" LIKE 'reminder.%'" 2>/dev/null || echo 0)
    ((stored - reminders_before >= expected)) && break
    sleep 1
done
start_job "$killed"; wait_ready "$killed"

say "drill db-restart: PostgreSQL stopped under load for 5 s"
echo db-stopping >"$PHASE_FILE"
pg_stop_server
echo db-outage >"$PHASE_FILE"
sleep 5
pg_start_server
echo db-recovered >"$PHASE_FILE"
sleep 8
touch "$WORK/stop"
wait "${LOAD[@]}" 2>/dev/null || true

# ---- verification --------------------------------------------------------------------------------------------------
for n in api1 api2; do wait_ready "$n"; done
acked=0 lost=0
while read -r id employee; do
    acked=$((acked + 1))
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORT[api2]}/$SCHOOL/teachers/$id" -H "Authorization: Bearer $TOKEN")
    if [[ $code != 200 ]]; then lost=$((lost + 1)); say "lost: teacher $id ($employee) answers $code"; fi
done < <(cat "$WORK"/acked.* 2>/dev/null)
doubled_rows=$(psql_q "SELECT count(*) - count(DISTINCT \"EmployeeNo\") FROM \"Teachers\" WHERE \"EmployeeNo\" LIKE 'CL-%'")
reminders=$(($(psql_q "SELECT count(*) FROM \"Notifications\" WHERE \"Kind\" LIKE 'reminder.%'") - reminders_before))
distinct_reminders=$(($(psql_q "SELECT count(DISTINCT \"UniqueKey\") FROM \"Notifications\" WHERE \"Kind\" LIKE 'reminder.%'") - distinct_before))
reminder_messages=$(($(psql_q "SELECT count(*) FROM \"OutboxMessages\" WHERE \"Type\" = 'reminder.created'") - messages_before))
missing=$((expected - distinct_reminders)); ((missing < 0)) && missing=0
duplicates=$((reminders - distinct_reminders))

echo
printf '%-13s %9s  %-40s %12s\n' drill requests "answers by status" "slowest ms"
cat "$WORK"/requests.* | awk '
    { n[$1]++; s[$1 " " $4]++; if ($5 > max[$1]) max[$1] = $5; if (!($1 in seen)) { seen[$1] = 1; name[++k] = $1 } }
    END {
        for (i = 1; i <= k; i++) {
            p = name[i]; line = ""
            for (key in s) { split(key, a, " "); if (a[1] == p) line = line a[2] "×" s[key] " " }
            printf "%-13s %9d  %-40s %12d\n", p, n[p], line, max[p]
        }
    }'
# A worker's phase is read once per round of three requests, so the last rounds of the outage may be answered after the
# restart (2xx): only failures count, and every failure must be a 503 or a refused connection.
outage_other=$(awk '$1 == "db-outage" && $4 !~ /^(2..|503|000)$/ { c++ } END { print c + 0 }' "$WORK"/requests.*)
echo
printf '%-44s %s\n' "acknowledged writes (201)" "$acked" \
    "lost writes (201 not readable afterwards)" "$lost" \
    "doubled writes (same employee number twice)" "$doubled_rows" \
    "reminders planned for $today" "$expected" \
    "reminders stored" "$reminders" \
    "missing reminders" "$missing" \
    "duplicate reminders" "$duplicates" \
    "reminder.created outbox messages" "$reminder_messages" \
    "job server killed while running the reminders" "$caught" \
    "outage failures other than 503 / refused" "$outage_other"
echo "(000 = no answer: connection refused while a process was down)"
echo
echo "errors logged by the processes (health probes cancelled by curl's timeout left out):"
grep -h '\] HTTP .* responded 5\|ERR\] [A-Z]' "$WORK"/api*.log "$WORK"/job*.log 2>/dev/null | grep -v '/health/' \
    | sed -E 's/^\[[0-9:]+ //; s/ in [0-9.]+ ms//; s/[0-9a-f]{8}-[0-9a-f-]{27}/{id}/g' | sort | uniq -c | sort -rn | head -n 12 || true

status=0
((lost == 0)) || { say "FAIL: $lost acknowledged write(s) lost"; status=1; }
((doubled_rows == 0)) || { say "FAIL: $doubled_rows write(s) doubled"; status=1; }
((missing == 0)) || { say "FAIL: $missing reminder(s) missing"; status=1; }
((duplicates == 0)) || { say "FAIL: $duplicates reminder(s) doubled"; status=1; }
((acked > 0)) || { say "FAIL: no write was acknowledged"; status=1; }
((outage_other == 0)) || { say "FAIL: $outage_other failure(s) during the database outage were neither 503 nor refused"; status=1; }
((status == 0)) && say "PASS"
exit "$status"
