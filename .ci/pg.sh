# shellcheck shell=bash
# Throw-away PostgreSQL cluster for the test run. Source this file, then call
# pg_start (exports MENTORCLOUD_TEST_POSTGRES) and, on exit, pg_stop.

PG_BIN=""
PG_TMP=""

pg_install_if_missing() {
    if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
        echo "PostgreSQL not found; installing it from apt" >&2
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
    fi
    PG_BIN=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [[ ! -x $PG_BIN/initdb ]]; then
        echo "no initdb found under /usr/lib/postgresql/*/bin" >&2
        return 1
    fi
}

# initdb and postgres refuse to run as root.
pg_as_owner() {
    if ((EUID == 0)); then
        (cd "$PG_TMP" && runuser -u postgres -- "$@")
    else
        (cd "$PG_TMP" && "$@")
    fi
}

pg_port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_start() {
    pg_install_if_missing

    PG_TMP=$(mktemp -d /tmp/mentorcloud-pg.XXXXXX)
    if ((EUID == 0)); then
        id -u postgres >/dev/null || { echo "no 'postgres' system user" >&2; return 1; }
        chown postgres: "$PG_TMP"
    fi

    local pw
    pw=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$pw" >"$PG_TMP/pwfile"
    chmod 600 "$PG_TMP/pwfile"
    if ((EUID == 0)); then chown postgres: "$PG_TMP/pwfile"; fi

    pg_as_owner "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --pwfile="$PG_TMP/pwfile" \
        -A scram-sha-256 -E UTF8 --no-locale --no-sync >"$PG_TMP/initdb.log" 2>&1 \
        || { cat "$PG_TMP/initdb.log" >&2; return 1; }
    rm -f "$PG_TMP/pwfile"

    cat >>"$PG_TMP/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_TMP'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

    # Another process may grab a port between the check and the bind, so a
    # failed start moves on to the next port.
    local port attempt started=""
    port=$((20000 + RANDOM % 20001))
    for ((attempt = 0; attempt < 50; attempt++, port++)); do
        ((port > 40000)) && port=20000
        pg_port_in_use "$port" && continue
        rm -f "$PG_TMP/server.log"
        if pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" \
            -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
            started=1
            break
        fi
        grep -q 'could not bind\|Address already in use' "$PG_TMP/server.log" 2>/dev/null || break
    done
    if [[ -z $started ]]; then
        echo "could not start PostgreSQL; server log:" >&2
        cat "$PG_TMP/server.log" >&2 2>/dev/null || true
        return 1
    fi

    echo "$("$PG_BIN/postgres" --version) listening on 127.0.0.1:$port (data in $PG_TMP)"
    export MENTORCLOUD_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$pw;Database=postgres"
}

pg_stop() {
    [[ -n $PG_TMP && -d $PG_TMP ]] || return 0
    if [[ -f $PG_TMP/data/postmaster.pid ]]; then
        pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
            || pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 \
            || true
    fi
    rm -rf "$PG_TMP"
    PG_TMP=""
}
