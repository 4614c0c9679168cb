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

# Prints "low high": listening ports below the kernel's ephemeral range, so no outgoing connection (a client's own
# port) can take a port while its server is down for a restart.
listen_port_range() {
    local ephemeral
    ephemeral=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    if ((ephemeral > 21000)); then echo "20000 $((ephemeral - 1))"; else echo "1024 $((ephemeral - 1))"; fi
}

# Prints a free listening port from listen_port_range, starting at a random one.
free_listen_port() {
    local low high port i
    read -r low high <<<"$(listen_port_range)"
    port=$((low + RANDOM % (high - low + 1)))
    for ((i = 0; i < 200; i++, port++)); do
        ((port > high)) && port=$low
        pg_port_in_use "$port" || { echo "$port"; return 0; }
    done
    return 1
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
    for ((attempt = 0; attempt < 50; attempt++)); do
        port=$(free_listen_port) || break
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
