#!/usr/bin/env bash
# The TypeScript client (clients/typescript): installs its pinned tools, checks that its generated types match the committed
# OpenAPI document, typechecks, tests and packs it, lints the document, then runs the walkthrough example against the
# service started on a throw-away SQLite database with the demo data. Expects the solution built in Debug (.ci/run
# builds it first); builds the web project only when its output is missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
CLIENT=$ROOT/clients/typescript
WEBAPI_DLL=$ROOT/src/WebApi/bin/Debug/net10.0/MentorCloud.WebApi.dll

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

if ! command -v node >/dev/null 2>&1; then
    echo "node not found: installing Debian's nodejs and npm"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq nodejs npm
fi
# The pinned Redocly CLI needs Node.js 20.19 or later; say so rather than fail somewhere inside it.
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)'; then
    echo "FAIL: Node.js $(node --version) is too old for the client's tools (20.19 or later is needed)"
    exit 1
fi
echo "node $(node --version), npm $(npm --version)"

work=$(mktemp -d /tmp/mentorcloud-client.XXXXXX)
service_pid=
stop_service() {
    if [[ -n $service_pid ]] && kill -0 "$service_pid" 2>/dev/null; then
        kill "$service_pid" 2>/dev/null || true
        for _ in $(seq 1 20); do
            kill -0 "$service_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -9 "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
    service_pid=
}
cleanup() {
    stop_service
    rm -rf "$work"
}
trap cleanup EXIT
# Make INT/TERM go through the EXIT trap so the service is always stopped.
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$CLIENT"
npm ci

npm run --silent generate:print >"$work/schema.d.ts"
if ! diff -u src/schema.d.ts "$work/schema.d.ts" >"$work/schema.diff"; then
    head -n 40 "$work/schema.diff"
    echo "FAIL: clients/typescript/src/schema.d.ts is stale against docs/openapi/v1.json: run 'npm run generate' in clients/typescript and commit it"
    exit 1
fi
echo "src/schema.d.ts matches docs/openapi/v1.json"

npm run typecheck
npm test
npm run lint:openapi
npm run build
npm pack --ignore-scripts --pack-destination "$work"

# The service on SQLite in a throw-away folder: its own content root (copies of the settings) and database file.
if [[ ! -f $WEBAPI_DLL ]]; then
    dotnet build "$ROOT/src/WebApi" -c Debug
fi
mkdir -p "$work/content" "$work/data"
cp "$ROOT"/src/WebApi/appsettings*.json "$work/content/"
port=$(node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
url=http://127.0.0.1:$port
env ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="$url" \
    Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$work/data/mentorcloud.db" Demo__Seed=true \
    dotnet "$WEBAPI_DLL" --contentRoot "$work/content" >"$work/service.log" 2>&1 &
service_pid=$!

service_failed() {
    echo "FAIL: $1; the service's log:"
    tail -n 60 "$work/service.log"
    exit 1
}

# Readiness (database reachable) rather than liveness: start-up migrates and seeds before it answers.
ready=false
for _ in $(seq 1 120); do
    kill -0 "$service_pid" 2>/dev/null || service_failed "the service stopped while starting"
    if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url/health/ready"; then
        ready=true
        break
    fi
    sleep 1
done
$ready || service_failed "the service did not become ready at $url/health/ready within 120 s"
echo "service ready at $url"

MENTORCLOUD_URL=$url npm run --silent walkthrough || service_failed "the walkthrough failed"
stop_service
echo "TypeScript client: OK"
