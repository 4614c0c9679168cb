#!/usr/bin/env bash
# Measures the request path under load on PostgreSQL: for each endpoint, in one run and alternating, a constant JSON
# answer from Kestrel, the raw baseline (tests/Load/RawBaseline: the same SQL statements with Npgsql, the same JSON, no
# auth, no pipeline) and the full endpoint (JWT, tenant resolution, Mediator behaviours, validation, EF Core). Prints
# requests/s, p50 and p99 of each and the ratio full/raw.
# Uses MENTORCLOUD_TEST_POSTGRES when set, else starts a throw-away cluster (.ci/pg.sh). Builds Release, starts the
# service on a fresh database with the demo school, imports a roster of 2,000 students (50 classes, 50 teachers) into it,
# then measures with wrk (installed from Debian's packages when missing).
# The service runs as an API replica is deployed (Jobs:Enabled=false, deploy/README.md): no job server in the process,
# so no recurring job or outbox dispatch takes the cores in the middle of a measurement (the baseline dispatches nothing
# either; both leave the same outbox rows).
# Prints, per endpoint: requests/s, p50 and p99 of the constant answer, the baseline and the full endpoint; for the last two
# also the CPU per request of their process and of PostgreSQL (every postgres process on the machine) during the run.
# Usage: tests/Load/request-path.sh [SECONDS] [CONNECTIONS]   (default 5 s per measurement after 2 s of warm-up, 32 connections)
# Environment: SERVICE_ENV="env Name=value …" (extra settings for the service, e.g. "env Jobs__Enabled=true" to measure a
#              process that also runs the job server), ONLY=name,name (measure only these endpoints), ROUNDS=n (repeat the alternation, default 1),
#              WARMUP=s (before the first round of the reads, each read endpoint and its baseline are loaded this long, so
#              tiered compilation has settled before anything is timed; default 10),
#              WRITE_WARMUP=s (the same for the write before its rounds, default 90: a write runs EF Core's whole save path,
#              and a fresh service under write load kept compiling methods for 80–95 s on 2 cores, docs/performance.md),
#              KEEP=1 (leave the service and the baseline running afterwards and print how to reach them),
#              RAW_SETTINGS=";Keyword=value…" (added to the baseline's connection string; default: the settings the service
#              adds to its own, src/Infrastructure/Persistence/ServiceConnections.cs, so both sides talk to PostgreSQL alike;
#              RAW_SETTINGS= measures the baseline with the driver's defaults).
set -euo pipefail
duration=${1:-5}
connections=${2:-32}
rounds=${ROUNDS:-1}
warmup=${WARMUP:-10}
write_warmup=${WRITE_WARMUP:-90}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
port=$((20000 + RANDOM % 10000))
raw_port=$((port + 10000))
api="http://127.0.0.1:$port/api/v1"
raw="http://127.0.0.1:$raw_port"
server=""
baseline=""
cleanup() {
  if [[ -n ${KEEP:-} ]]; then return; fi
  for pid in $server $baseline; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
  if declare -F pg_stop >/dev/null; then pg_stop; fi
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "wrk not found; installing it from apt" >&2
  if ((EUID == 0)); then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y wrk >/dev/null
fi

if [[ -z ${MENTORCLOUD_TEST_POSTGRES:-} ]]; then
  # shellcheck source=../../.ci/pg.sh
  source "$root/.ci/pg.sh"
  pg_start
fi
database="mc_request_path_$RANDOM"
connection="$(sed -E 's/Database=[^;]*//' <<<"$MENTORCLOUD_TEST_POSTGRES");Database=$database"

dotnet build -c Release "$root/src/WebApi" >/dev/null
dotnet build -c Release "$root/tests/Load/RawBaseline" >/dev/null
# The shipped logging configuration (Information, one line per request), written to a file as a container's console would be.
ASPNETCORE_ENVIRONMENT=Development Database__Provider=PostgreSql ConnectionStrings__Default="$connection" Jobs__Enabled=false \
  ${SERVICE_ENV:-} dotnet "$root/src/WebApi/bin/Release/net10.0/MentorCloud.WebApi.dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/src/WebApi" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 180); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the service did not start:" >&2; tail -n 30 "$work/server.log" >&2; exit 1; }

json() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }
token_of() { curl -s -X POST "$api/auth/token" -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"Demo#2026\"}" | json accessToken; }
admin=$(token_of demo-admin)
call() { curl -sf "$api/schools/demo-school/$1" -H "Authorization: Bearer $admin"; }

# The roster: 50 teachers heading 50 classes of 40 students, imported as CSV files like a school would.
{
  echo "name,employeeNo,subjects"
  for n in $(seq 50); do echo "教师$n,RP-T$n,数学"; done
} >"$work/teachers.csv"
{
  echo "name,grade,headTeacherEmployeeNo"
  for n in $(seq 50); do echo "$((7 + (n - 1) / 17))年级压测($n)班,$((7 + (n - 1) / 17)),RP-T$n"; done
} >"$work/classes.csv"
awk 'BEGIN { print "name,studentNo,class,gender,birthDate,guardianName,guardianRelation,guardianPhone"
  for (n = 1; n <= 2000; n++) { c = (n - 1) % 50 + 1
    printf "学生%d,RP%05d,%d年级压测(%d)班,%s,2011-%02d-%02d,家长%d,母亲,139%08d\n", n, n, 7 + int((c - 1) / 17), c, n % 2 ? "男" : "女", n % 12 + 1, n % 28 + 1, n, n } }' >"$work/students.csv"
for kind in teachers classes students; do
  curl -sf -X POST "$api/schools/demo-school/roster/import?kind=$kind" -H "Authorization: Bearer $admin" -F "file=@$work/$kind.csv" \
    | grep -q '"errorCount":0' || { echo "importing $kind failed" >&2; exit 1; }
done

# The subjects: a demo mentor (demo-t05) and one of their mentees, the published group of that mentee's class, the current semester.
mentor_token=$(token_of demo-t05)
mentor=$(curl -s "$api/me" -H "Authorization: Bearer $mentor_token" | json teacherId)
semester=$(call semesters/current | json id)
student=$(call "teachers/$mentor/mentees" | sed -E 's/.*"studentId":"([^"]+)".*/\1/')
class=$(call "students/$student" | json classId)
archive_student=$(call 'students?flag=singleParent' | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
group=$(call "mentor-groups?classId=$class" | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
total=$(call 'students?pageSize=1' | sed -E 's/.*"totalCount":([0-9]+).*/\1/')
echo "school: $total students; mentor $mentor, mentee $student, class $class, group $group, semester $semester"

ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning ConnectionStrings__Default="$connection${RAW_SETTINGS-;Max Auto Prepare=64;No Reset On Close=true;Multiplexing=true}" \
  Subjects__Student="$student" Subjects__ArchiveStudent="$archive_student" Subjects__Class="$class" Subjects__Group="$group" Subjects__Mentor="$mentor" Subjects__Semester="$semester" \
  Subjects__Admin=demo-admin Subjects__School=demo-school \
  dotnet "$root/tests/Load/RawBaseline/bin/Release/net10.0/RawBaseline.dll" --urls "$raw" >"$work/baseline.log" 2>&1 &
baseline=$!
for _ in $(seq 60); do curl -sf "$raw/constant" >/dev/null && break; sleep 1; done
curl -sf "$raw/constant" >/dev/null || { echo "the baseline did not start:" >&2; cat "$work/baseline.log" >&2; exit 1; }

# name | full path (under /api/v1) | baseline path | token
endpoints=(
  "students|/schools/demo-school/students?pageSize=20|/raw/students|$admin"
  "student|/schools/demo-school/students/$student|/raw/student|$admin"
  "mentor-group|/schools/demo-school/mentor-groups/$group|/raw/mentor-group|$admin"
  "me|/me|/raw/me|$admin"
  "archive|/schools/demo-school/students/$archive_student/archive|/raw/archive|$admin"
  "progress|/schools/demo-school/mentors/$mentor/progress|/raw/progress|$admin"
  "statistics|/schools/demo-school/statistics|/raw/statistics|$admin"
  "activity (POST)|/schools/demo-school/activities|/raw/activity|$mentor_token"
)
body="{\"kind\":\"talk\",\"studentIds\":[\"$student\"],\"semesterId\":\"$semester\",\"occurredOn\":\"$(date -u +%F)\",\"mode\":null,\"domains\":[\"study\"],\"summary\":\"压测谈话记录：学习计划与作息安排。\"}"
cat >"$work/post.lua" <<LUA
-- A fresh Idempotency-Key for every request: per run (WRK_RUN), per wrk thread, per request.
local threads = 0
function setup(thread) threads = threads + 1; thread:set("id", threads) end
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN"),
    ["Idempotency-Key"] = os.getenv("WRK_RUN") .. "-" .. tostring(id) .. "-" .. n }, [[$body]])
end
LUA
cat >"$work/get.lua" <<'LUA'
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN")
LUA

# Every endpoint answers as expected before anything is timed (a 4xx would otherwise be measured as fast).
for entry in "${endpoints[@]}"; do
  IFS='|' read -r name path rawpath token <<<"$entry"
  if [[ $name == *POST* ]]; then
    code=$(curl -s -o "$work/check" -w '%{http_code}' -X POST "$api$path" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -H "Idempotency-Key: check-$RANDOM" -d "$body")
    rawcode=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$raw$rawpath" -H 'Content-Type: application/json' -H "Idempotency-Key: check-$RANDOM" -d "$body")
  else
    code=$(curl -s -o "$work/check" -w '%{http_code}' "$api$path" -H "Authorization: Bearer $token")
    rawcode=$(curl -s -o /dev/null -w '%{http_code}' "$raw$rawpath")
  fi
  [[ $code == 2* && $rawcode == 2* ]] || { echo "$name answered $code (baseline $rawcode): $(head -c 400 "$work/check")" >&2; exit 1; }
done

# CPU time in clock ticks (user + system) of one process, and of every PostgreSQL process on the machine: with the time
# of the children each has reaped, so a backend that ends during a run still counts, through the server that started it.
hz=$(getconf CLK_TCK)
ticks_of() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
postgres_ticks() { cat /proc/[0-9]*/stat 2>/dev/null | awk '$2 == "(postgres)" { t += $14 + $15 + $16 + $17 } END { print t + 0 }'; }

# run URL [lua] [token] [pid] → "requests/s p50(ms) p99(ms) non-2xx app-ms pg-ms": the last two are the CPU per request
# of the process PID and of PostgreSQL during the run (0 without a PID)
run() {
  local out a0=0 a1=0 p0 p1
  if [[ -n ${4:-} ]]; then a0=$(ticks_of "$4"); fi
  p0=$(postgres_ticks)
  out=$(WRK_RUN=$RANDOM$RANDOM$RANDOM WRK_TOKEN=${3:-} wrk -t 2 -c "$connections" -d "${duration}s" --latency ${2:+-s "$2"} "$1" 2>&1)
  p1=$(postgres_ticks)
  if [[ -n ${4:-} ]]; then a1=$(ticks_of "$4"); fi
  awk -v app=$((a1 - a0)) -v pg=$((p1 - p0)) -v hz="$hz" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 } / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Non-2xx/ { bad = $NF } /requests in/ { n = $1 }
    END { per = (n > 0 ? 1000 / hz / n : 0); printf "%.0f %.2f %.2f %d %.3f %.3f\n", rps, p50, p99, bad, app * per, pg * per }' <<<"$out"
}
warm() { WRK_RUN=$RANDOM$RANDOM$RANDOM WRK_TOKEN=${3:-} wrk -t 2 -c "$connections" -d "${4:-2}s" ${2:+-s "$2"} "$1" >/dev/null 2>&1; }

echo
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk 2 threads, $connections connections, ${duration} s per measurement after 2 s of warm-up (${warmup} s per read endpoint, ${write_warmup} s for the write, before the first round)"
printf '%-16s | %8s %7s %7s | %8s %7s %7s %6s %6s | %8s %7s %7s %6s %6s %5s | %6s\n' endpoint "const/s" p50 p99 "raw/s" p50 p99 "app ms" "pg ms" "full/s" p50 p99 "app ms" "pg ms" "non2x" "full/raw"
# Every round of the reads before any of the write: each write adds an activity for the mentee, and thousands of them
# would change what the progress and statistics reads count in the rounds after.
# selected NAME KIND: whether the endpoint is measured in this run and in this phase (reads, then the write).
selected() {
  if [[ -n ${ONLY:-} && ",$ONLY," != *",${1%% *},"* ]]; then return 1; fi
  if [[ ($2 == read && $1 == *POST*) || ($2 == write && $1 != *POST*) ]]; then return 1; fi
}
scripts() { if [[ $1 == *POST* ]]; then fullscript="$work/post.lua"; rawscript="$work/post.lua"; else fullscript="$work/get.lua"; rawscript=""; fi; }
for kind in read write; do
if [[ $kind == write ]]; then warmup=$write_warmup; fi
if ((warmup > 0)); then
  for entry in "${endpoints[@]}"; do
    IFS='|' read -r name path rawpath token <<<"$entry"
    selected "$name" "$kind" || continue
    scripts "$name"
    warm "$raw$rawpath" "$rawscript" "" "$warmup"; warm "$api$path" "$fullscript" "$token" "$warmup"
  done
fi
for round in $(seq "$rounds"); do
  for entry in "${endpoints[@]}"; do
    IFS='|' read -r name path rawpath token <<<"$entry"
    selected "$name" "$kind" || continue
    scripts "$name"
    warm "$raw/constant"; read -r c_rps c_p50 c_p99 _ <<<"$(run "$raw/constant")"
    warm "$raw$rawpath" "$rawscript"; read -r r_rps r_p50 r_p99 _ r_app r_pg <<<"$(run "$raw$rawpath" "$rawscript" "" "$baseline")"
    warm "$api$path" "$fullscript" "$token"; read -r f_rps f_p50 f_p99 f_bad f_app f_pg <<<"$(run "$api$path" "$fullscript" "$token" "$server")"
    printf '%-16s | %8s %7s %7s | %8s %7s %7s %6s %6s | %8s %7s %7s %6s %6s %5s | %6s\n' "$name" "$c_rps" "$c_p50" "$c_p99" \
      "$r_rps" "$r_p50" "$r_p99" "$r_app" "$r_pg" "$f_rps" "$f_p50" "$f_p99" "$f_app" "$f_pg" "$f_bad" \
      "$(awk -v f="$f_rps" -v r="$r_rps" 'BEGIN { printf "%.2f", (r > 0 ? f / r : 0) }')"
  done
done
done
echo "load average afterwards $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n ${KEEP:-} ]]; then
  echo "KEEP: service $api (pid $server), baseline $raw (pid $baseline), admin token in $work/admin.token, database $database"
  echo "$admin" >"$work/admin.token"
fi
