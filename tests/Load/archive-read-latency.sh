#!/usr/bin/env bash
# Measures GET /students/{id}/archive end to end on PostgreSQL: every section present and decrypted (family, health and
# psychology are encrypted at rest), the audit row written, the JSON answer; against GET /students/{id} on the same
# student in the same run as the baseline of a plain audited-free read.
# Uses MENTORCLOUD_TEST_POSTGRES when set, else starts a throw-away cluster (.ci/pg.sh). Starts the service on a fresh
# database with the demo school, fills one archive through the API, then times RUNS requests of each kind on loopback.
# Usage: tests/Load/archive-read-latency.sh [RUNS]   (default 200)
set -euo pipefail
runs=${1:-200}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
api="http://127.0.0.1:$port/api/v1"
server=""
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
  if declare -F pg_stop >/dev/null; then pg_stop; fi
}
trap cleanup EXIT
if [[ -z ${MENTORCLOUD_TEST_POSTGRES:-} ]]; then
  # shellcheck source=../../.ci/pg.sh
  source "$root/.ci/pg.sh"
  pg_start
fi
connection="$(sed -E 's/Database=[^;]*//' <<<"$MENTORCLOUD_TEST_POSTGRES");Database=mc_archive_load_$RANDOM"

dotnet build -c Release "$root/src/WebApi" >/dev/null
ASPNETCORE_ENVIRONMENT=Development Database__Provider=PostgreSql ConnectionStrings__Default="$connection" Serilog__MinimumLevel__Default=Warning \
  dotnet "$root/src/WebApi/bin/Release/net10.0/MentorCloud.WebApi.dll" --urls "http://127.0.0.1:$port" --contentRoot "$root/src/WebApi" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done

json() { sed -E "s/.*\"$1\":\"([^\"]+)\".*/\1/"; }
token=$(curl -s -X POST "$api/auth/token" -H 'Content-Type: application/json' -d '{"username":"demo-admin","password":"Demo#2026"}' | json accessToken)
call() { curl -s -X "$1" "$api/schools/demo-school/$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' ${3:+-H "If-Match: $3"} ${4:+-d "$4"}; }

student=$(call GET 'students?flag=singleParent' | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
text=$(printf '家庭情况说明%.0s' $(seq 40))
version=$(call GET "students/$student/archive" | sed -E 's/.*"studentId":"[^"]+","version":([0-9]+).*/\1/')
for section in family health personality interests morals habits psychology academics difficulties; do
  case $section in
    family) body="{\"structure\":\"singleParent\",\"guardians\":[{\"name\":\"王母\",\"relation\":\"母亲\",\"occupation\":\"护士\",\"phone\":\"13900000000\",\"livesWithStudent\":true}],\"analysis\":\"$text\",\"notes\":\"$text\"}" ;;
    academics) body="{\"results\":[{\"subject\":\"语文\",\"term\":\"本学期\",\"score\":88,\"level\":null,\"comment\":\"良好\"},{\"subject\":\"数学\",\"term\":\"本学期\",\"score\":76,\"level\":null,\"comment\":\"需加强\"}],\"notes\":\"$text\"}" ;;
    *) body="{\"notes\":\"$text\"}" ;;
  esac
  call PUT "students/$student/archive/$section" "\"$version\"" "$body" | grep -q '"version"' || { echo "writing $section failed" >&2; exit 1; }
  version=$((version + 1))
done
call GET "students/$student/archive" | grep -q '"difficulties":{"version"' || { echo "the archive is not full" >&2; exit 1; }

measure() { # label path
  for _ in $(seq 20); do curl -s -o /dev/null "$api/schools/demo-school/$2" -H "Authorization: Bearer $token"; done
  for _ in $(seq "$runs"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$api/schools/demo-school/$2" -H "Authorization: Bearer $token"
  done | sort -n | awk -v runs="$runs" -v label="$1" '{ t[NR] = $1 * 1000; sum += t[NR] }
    END { printf "%s, %d runs: mean %.1f ms, p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", label, runs, sum / NR, t[int(NR * 0.5 + 0.5)], t[int(NR * 0.95 + 0.5)], t[NR] }'
}
measure "GET /students/{id} (baseline)" "students/$student"
measure "GET /students/{id}/archive (9 sections, 3 decrypted, audited)" "students/$student/archive"
measure "GET /students/{id} (baseline, again)" "students/$student"
