#!/usr/bin/env bash
# Measures POST /mentor-groups/{id}/match end to end for one 45-student class on the embedded SQLite default.
# Starts the service on a fresh database in a temporary folder, builds the class through the API, then times
# RUNS matching requests on loopback. Usage: tests/Load/match-latency.sh [RUNS]   (default 50)
set -euo pipefail
runs=${1:-50}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
api="http://127.0.0.1:$port/api/v1"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release "$root/src/WebApi" >/dev/null
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Default="Data Source=$work/load.db" Serilog__MinimumLevel__Default=Warning \
  dotnet "$root/src/WebApi/bin/Release/net10.0/MentorCloud.WebApi.dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/src/WebApi" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done

json() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }
token=$(curl -s -X POST "$api/auth/token" -H 'Content-Type: application/json' -d '{"username":"demo-admin","password":"Demo#2026"}' | json accessToken)
call() { curl -s -X "$1" "$api/schools/demo-school/$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+-d "$3"}; }

semester=$(call GET semesters/current | json id)
head=$(call POST teachers '{"name":"负载班主任","employeeNo":"LOAD-H"}' | json id)
class=$(call POST classes "{\"name\":\"负载班\",\"grade\":6,\"headTeacherId\":\"$head\"}" | json id)
mentors=()
for i in $(seq 10); do mentors+=("$(call POST teachers "{\"name\":\"导师$i\",\"employeeNo\":\"LOAD-M$i\"}" | json id)"); done
students=()
for i in $(seq 45); do
  flags=$([ $((i % 10)) -eq 0 ] && echo '["leftBehind"]' || echo '[]')
  students+=("$(call POST students "{\"name\":\"学生$i\",\"studentNo\":\"LOAD$i\",\"classId\":\"$class\",\"gender\":\"male\",\"attentionFlags\":$flags}" | json id)")
done
ids=$(printf '"%s",' "${mentors[@]}"); ids="[${ids%,}]"
group=$(call POST mentor-groups "{\"classId\":\"$class\",\"semesterId\":\"$semester\",\"mentorIds\":$ids}" | json id)
call POST "mentor-groups/$group/open-selection" "{\"closesOn\":\"$(date -d '+7 days' +%F)\"}" >/dev/null
for i in "${!students[@]}"; do
  a=${mentors[$((i % 10))]}; b=${mentors[$(((i * 3 + 1) % 10))]}; c=${mentors[$(((i * 7 + 2) % 10))]}
  ranked=$(printf '"%s",' $(printf '%s\n' "$a" "$b" "$c" | awk '!seen[$0]++')); ranked="[${ranked%,}]"
  call PUT "mentor-groups/$group/preferences/${students[$i]}" "{\"rankedMentorIds\":$ranked}" >/dev/null
done

call POST "mentor-groups/$group/match" | grep -q '"assignments"' || { echo "matching failed" >&2; exit 1; }
for _ in $(seq "$runs"); do
  curl -s -o /dev/null -w '%{time_total}\n' -X POST "$api/schools/demo-school/mentor-groups/$group/match" -H "Authorization: Bearer $token"
done | sort -n | awk -v runs="$runs" '{ t[NR] = $1 * 1000; sum += t[NR] }
  END { printf "match, 45 students, 10 mentors, %d runs: mean %.1f ms, p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
        runs, sum / NR, t[int(NR * 0.5 + 0.5)], t[int(NR * 0.95 + 0.5)], t[NR] }'
