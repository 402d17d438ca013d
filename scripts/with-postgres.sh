#!/bin/sh
# Run a command with a throwaway PostgreSQL cluster on 127.0.0.1; stop and delete it afterwards.
# The command sees TOSHIKEN_TEST_POSTGRES_URL. initdb refuses root, so the cluster runs as `postgres`.
set -eu
BIN_DIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PORT=${TOSHIKEN_TEST_PG_PORT:-55432}
D=$(mktemp -d /tmp/toshiken-pg.XXXXXX)
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres: "$D"; fi
chmod 700 "$D"
as_pg "$BIN_DIR/initdb -D $D/data -E UTF8 --locale=C.UTF-8 -A trust -U postgres >/dev/null"
as_pg "$BIN_DIR/pg_ctl -D $D/data -l $D/log -o \"-c listen_addresses=127.0.0.1 -p $PORT -k $D\" -w start >/dev/null"
stop() { as_pg "$BIN_DIR/pg_ctl -D $D/data -m fast -w stop >/dev/null" || true; rm -rf "$D"; }
trap stop EXIT INT TERM
export TOSHIKEN_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
"$@"
