#!/bin/sh
# A throwaway PostgreSQL cluster for the tests, the network demo and the benchmarks.
#
#   cluster.sh start DIR   initdb in DIR, start on a free loopback port; prints the admin URL
#   cluster.sh stop DIR    stop the server and remove DIR
#
# The server listens on 127.0.0.1 with TLS (a self-signed certificate for 127.0.0.1,
# DIR/server.crt, so sslmode=verify-full can be tested) and on a socket in DIR. The
# superuser `postgres` connects without a password; every other role needs its password
# (scram-sha-256), so PGPASSWORD and ~/.pgpass are tested for real.
#
# initdb refuses to run as root: as root, everything runs as the `postgres` user, which
# owns DIR. Debian's `postgresql` package provides the binaries (make test installs it).
set -eu

BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$BIN/initdb" ] || { echo "cluster.sh: PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2; exit 69; }

# The server must not keep descriptors of whoever started this script: Foundation's
# Process (the Swift tests) learns that its child exited from a socket the child inherits,
# and a server holding it open would make the tests wait forever.
without_inherited_fds() {
    python3 -c 'import os, sys; os.closerange(3, 65536); os.execvp(sys.argv[1], sys.argv[1:])' "$@"
}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

command=${1:-}
dir=${2:-}
[ -n "$dir" ] || { echo "usage: cluster.sh start|stop DIR" >&2; exit 64; }

case "$command" in
start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    chmod 700 "$dir"
    as_owner "$BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 70; }
    # The superuser may connect from loopback without a password (the tests' admin);
    # everyone else proves a password.
    as_owner sh -c "printf 'host all postgres 127.0.0.1/32 trust\n%s\n' \"\$(cat '$dir/data/pg_hba.conf')\" > '$dir/data/pg_hba.new' && mv '$dir/data/pg_hba.new' '$dir/data/pg_hba.conf'"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
        -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1
    [ "$(id -u)" = 0 ] && chown postgres "$dir/server.key" "$dir/server.crt"
    chmod 600 "$dir/server.key"
    chmod 644 "$dir/server.crt"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if [ "$(id -u)" = 0 ]; then set -- runuser -u postgres -- "$BIN/pg_ctl"; else set -- "$BIN/pg_ctl"; fi
    without_inherited_fds "$@" -D "$dir/data" -l "$dir/server.log" -w -t 30 start -o \
        "-p $port -k $dir -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null || { cat "$dir/server.log" >&2; exit 70; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        as_owner "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: cluster.sh start|stop DIR" >&2
    exit 64
    ;;
esac
