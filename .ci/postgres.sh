# Sourced by .ci/run: a throwaway PostgreSQL cluster on a unix socket in a temporary folder.
# `start_postgres` exports NEWSBRIEF_TEST_POSTGRES_URL (the tests that need PostgreSQL read it);
# `stop_postgres` stops the server and removes the folder. Debian's package is installed when no
# server binaries are found.

_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

_as_pg() {
  # initdb refuses to run as root, so root runs the server as the `postgres` user.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin
  bin=$(_pg_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "Installing Debian's postgresql package for the storage tests..." >&2
    if [ "$(id -u)" = 0 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    bin=$(_pg_bin)
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home postgres
  fi
  PG_TMP=$(mktemp -d /tmp/newsbrief-pg.XXXXXX)
  chmod 755 "$PG_TMP"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_TMP"
  _as_pg "$bin/initdb" -D "$PG_TMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  _as_pg "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
    -o "-k $PG_TMP -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null
  PG_BIN=$bin
  export PG_TMP PG_BIN
  export NEWSBRIEF_TEST_POSTGRES_URL="postgresql+psycopg://postgres@/postgres?host=$PG_TMP"
}

stop_postgres() {
  [ -n "${PG_TMP:-}" ] || return 0
  _as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
  PG_TMP=
}
