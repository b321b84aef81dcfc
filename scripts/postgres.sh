#!/usr/bin/env bash
# Sourced by scripts/test.sh: start a throw-away PostgreSQL on loopback and export its URL as
# JIXIAO_TEST_PG_URL. Does nothing if the URL is already set.
if [ -z "${JIXIAO_TEST_PG_URL:-}" ]; then
  _pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$_pgbin" ]; then
    _pgdir=$(mktemp -d /tmp/jixiao-pg.XXXXXX)
    _pgport=$((20000 + RANDOM % 20000))
    if [ "$(id -u)" = 0 ]; then _as="runuser -u postgres --"; chown postgres "$_pgdir"; else _as=""; fi
    $_as "$_pgbin/initdb" -D "$_pgdir/data" -A trust -U jixiao >/dev/null &&
      $_as "$_pgbin/pg_ctl" -D "$_pgdir/data" -o "-p $_pgport -k $_pgdir -c listen_addresses=127.0.0.1" \
        -l "$_pgdir/log" -w start >/dev/null &&
      export JIXIAO_TEST_PG_URL="postgresql+psycopg://jixiao@127.0.0.1:$_pgport/postgres" &&
      trap '$_as "$_pgbin/pg_ctl" -D "$_pgdir/data" -m fast stop >/dev/null 2>&1; rm -rf "$_pgdir"' EXIT
  fi
fi
