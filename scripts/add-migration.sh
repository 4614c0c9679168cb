#!/usr/bin/env bash
# Adds migration NAME for both contexts (catalog, tenant) on every provider (SQLite, PostgreSQL, SQL Server).
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql SqlServer; do
  for kind in Catalog Application; do
    folder=$([ "$kind" = Catalog ] && echo Catalog || echo Tenant)
    dotnet ef migrations add "$name" \
      --project src/Infrastructure --startup-project src/Infrastructure \
      --context "${provider}${kind}DbContext" \
      --output-dir "Persistence/Migrations/${provider}/${folder}"
  done
done
