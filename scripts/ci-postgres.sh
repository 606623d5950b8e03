#!/usr/bin/env bash
# Installs (if needed) and starts Debian's PostgreSQL 15, then makes sure the
# test role `huifang` (password `huifang`) and database `huifang_test` exist.
# Idempotent; run as root. Prints the connection URL as its last line, e.g.
#   export HUIFANG_TEST_PG_URL=$(bash scripts/ci-postgres.sh | tail -1)
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d "/usr/lib/postgresql/${PG_VERSION}" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

# A cluster may be missing on a fresh machine where the package was installed without one.
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "${PG_VERSION} main"; then
  pg_createcluster "${PG_VERSION}" main >&2
fi

if ! pg_lsclusters -h | awk '$1=="'"${PG_VERSION}"'" && $2=="main" {print $4}' | grep -qx online; then
  pg_ctlcluster "${PG_VERSION}" main start >&2
fi

# Wait until the server accepts connections (normally < 2 s).
for _ in $(seq 1 50); do
  if su postgres -c "pg_isready -q" ; then break; fi
  sleep 0.2
done

PORT="$(pg_lsclusters -h | awk '$1=="'"${PG_VERSION}"'" && $2=="main" {print $3}')"

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAX -p ${PORT} $*"; }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='huifang'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE huifang LOGIN PASSWORD 'huifang'\"" >&2
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='huifang_test'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE huifang_test OWNER huifang\"" >&2
fi

echo "postgres://huifang:huifang@127.0.0.1:${PORT}/huifang_test"
