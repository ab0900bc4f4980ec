#!/usr/bin/env bash
# A streaming read replica of the local PostgreSQL 15 primary (127.0.0.1:5432), for the service
# leg's router tests: `scripts/replica.sh start|stop|status`.
#
# start: allows replication connections from 127.0.0.1 on the primary (one pg_hba line, added once,
#        then a reload; wal_level=replica and max_wal_senders > 0 are checked, never changed: they
#        need a restart, and Debian's default already has them), takes a base backup with
#        `pg_basebackup -R` over a physical replication slot into REPLICA_DIR, starts it on
#        REPLICA_PORT and waits until it accepts connections and is in recovery. Idempotent: a
#        replica already running and streaming is left alone.
# stop:  stops the replica, removes its data directory and drops the slot (so the primary does
#        not keep WAL for a replica that is gone).
set -euo pipefail

PRIMARY_HOST=${PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
REPLICA_DIR=${REPLICA_DIR:-/var/lib/postgresql/15/paragraf-replica}
SLOT=${REPLICA_SLOT:-paragraf_replica}
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() { echo "replica: $*" >&2; exit 1; }
primary() { psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -d postgres -tAXc "$1"; }
replica() { psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d postgres -tAXc "$1"; }
# The cluster's files belong to the postgres user; run the server tools as it.
as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

in_recovery() { [ "$(replica 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]; }

allow_replication() {
    [ "$(primary 'SHOW wal_level')" != minimal ] || die "the primary has wal_level=minimal"
    [ "$(primary 'SHOW max_wal_senders')" -gt 0 ] || die "the primary has max_wal_senders=0"
    local hba
    hba=$(primary 'SHOW hba_file')
    if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
        echo "replica: allowing replication from 127.0.0.1 in $hba"
        printf '# Paragraf read replica (scripts/replica.sh)\nhost replication all 127.0.0.1/32 trust\n' >>"$hba"
        primary 'SELECT pg_reload_conf()' >/dev/null
    fi
}

start() {
    pg_isready -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" || die "no primary on $PRIMARY_HOST:$PRIMARY_PORT"
    if pg_isready -q -h 127.0.0.1 -p "$REPLICA_PORT" && in_recovery; then
        echo "replica: already running on $REPLICA_PORT"
        return
    fi
    allow_replication
    if [ -f "$REPLICA_DIR/postmaster.pid" ]; then
        as_postgres "$BIN/pg_ctl" -D "$REPLICA_DIR" -m fast stop || true
    fi
    rm -rf "$REPLICA_DIR"
    if [ "$(primary "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$SLOT'")" = 1 ]; then
        primary "SELECT pg_drop_replication_slot('$SLOT')" >/dev/null
    fi
    echo "replica: base backup into $REPLICA_DIR"
    mkdir -p "$REPLICA_DIR"
    chmod 700 "$REPLICA_DIR"
    [ "$(id -un)" = postgres ] || chown postgres:postgres "$REPLICA_DIR"
    as_postgres "$BIN/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres \
        -D "$REPLICA_DIR" -R -X stream -C -S "$SLOT" --checkpoint=fast
    # Debian keeps a cluster's configuration in /etc, so the copy has none: give it its own.
    as_postgres tee "$REPLICA_DIR/postgresql.conf" >/dev/null <<EOF
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '/var/run/postgresql'
hba_file = '$REPLICA_DIR/pg_hba.conf'
max_connections = $(primary 'SHOW max_connections')
max_worker_processes = $(primary 'SHOW max_worker_processes')
max_wal_senders = $(primary 'SHOW max_wal_senders')
hot_standby = on
hot_standby_feedback = on
shared_buffers = 64MB
logging_collector = off
EOF
    as_postgres tee "$REPLICA_DIR/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
    as_postgres "$BIN/pg_ctl" -D "$REPLICA_DIR" -l "$REPLICA_DIR/replica.log" -w -t 60 start \
        || { cat "$REPLICA_DIR/replica.log" >&2; die "the replica did not start"; }
    for _ in $(seq 1 60); do in_recovery && break; sleep 0.5; done
    in_recovery || die "the replica on $REPLICA_PORT is not in recovery"
    for _ in $(seq 1 60); do
        [ "$(primary "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" -gt 0 ] && break
        sleep 0.5
    done
    echo "replica: streaming on 127.0.0.1:$REPLICA_PORT"
}

stop() {
    if [ -f "$REPLICA_DIR/postmaster.pid" ]; then
        as_postgres "$BIN/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop
    fi
    rm -rf "$REPLICA_DIR"
    if [ "$(primary "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '$SLOT'" 2>/dev/null)" = 1 ]; then
        primary "SELECT pg_drop_replication_slot('$SLOT')" >/dev/null
    fi
    echo "replica: stopped"
}

status() {
    pg_isready -q -h 127.0.0.1 -p "$REPLICA_PORT" && in_recovery \
        && echo "replica: streaming on 127.0.0.1:$REPLICA_PORT" \
        || { echo "replica: not running"; return 1; }
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) die "usage: $0 start|stop|status" ;;
esac
