#!/usr/bin/env bash
# Prepares the local scale-out profile (make run-cluster, Procfile.cluster), idempotently:
#   lb         install HAProxy from Debian when it is missing (needs root and apt-get)
#   env        write var/cluster.env: ports, database URLs, Redis (no secrets: var/local.env)
#   databases  create the PostgreSQL databases that are missing (tracker, outbox, API)
#   migrate    bring the API's database to the newest schema, once (alembic upgrade head)
#   schema     create the outbox table once, so two action servers never race to create it
#   lb-config  render deploy/haproxy/haproxy.cfg.template into $CLUSTER_LB_CONFIG and check it
# usage: tools/cluster_setup.sh [step …]        (no step: all of them, in this order)
# Every value below may be overridden from the environment, e.g. CLUSTER_LB_PORT=5105 or
# CLUSTER_PG=postgresql://postgres@db.local:5432 (the tests use this with their own ports).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${BIND_HOST:=127.0.0.1}"
: "${CLUSTER_LB_PORT:=5005}"
: "${RASA1_PORT:=5011}"
: "${RASA2_PORT:=5012}"
: "${CLUSTER_ACTIONS_LB_PORT:=5055}"
: "${ACTIONS1_PORT:=5061}"
: "${ACTIONS2_PORT:=5062}"
: "${CLUSTER_LB_STATS_PORT:=8404}"
: "${API_PORT:=8000}"
: "${CLUSTER_VAR:=var/cluster}"
: "${CLUSTER_LB_CONFIG:=$CLUSTER_VAR/haproxy.cfg}"
: "${CLUSTER_LB_SOCKET:=$PWD/$CLUSTER_VAR/haproxy.sock}"  # absolute: HAProxy reads a relative one as host:port
: "${CLUSTER_PG:=postgresql://postgres@127.0.0.1:5432}"
: "${TRACKER_DB_URL:=$CLUSTER_PG/rehab_cluster_tracker}"
: "${OUTBOX_DB_URL:=$CLUSTER_PG/rehab_cluster_outbox}"
: "${DATABASE_URL:=$CLUSTER_PG/rehab_cluster_api}"
: "${REDIS_HOST:=127.0.0.1}"
: "${REDIS_PORT:=6379}"
: "${LOCK_STORE_DB:=1}"
: "${LOCK_KEY_PREFIX:=rehab}"
: "${RATE_LIMIT_STORAGE:=redis://$REDIS_HOST:$REDIS_PORT/2}"
: "${TICKET_LOCK_LIFETIME:=30}"
: "${HAPROXY:=/usr/sbin/haproxy}"
TEMPLATE=deploy/haproxy/haproxy.cfg.template
PLACEHOLDERS=(BIND_HOST CLUSTER_LB_PORT RASA1_PORT RASA2_PORT CLUSTER_ACTIONS_LB_PORT ACTIONS1_PORT
  ACTIONS2_PORT CLUSTER_LB_STATS_PORT CLUSTER_LB_SOCKET)

say() { echo ">> $*"; }

step_lb() {
  [[ -x "$HAPROXY" ]] && return 0
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's haproxy (the scale-out profile's load balancer)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >/dev/null
  fi
  [[ -x "$HAPROXY" ]] || { echo "HAProxy is missing: apt-get install haproxy (or set HAPROXY)" >&2; exit 1; }
}

step_env() {
  mkdir -p var
  cat > var/cluster.env <<ENV
# The scale-out profile's settings (written by tools/cluster_setup.sh; no secrets here, those
# stay in var/local.env). Override a value by setting it when running make run-cluster.
BIND_HOST=$BIND_HOST
CLUSTER_LB_PORT=$CLUSTER_LB_PORT
RASA1_PORT=$RASA1_PORT
RASA2_PORT=$RASA2_PORT
CLUSTER_ACTIONS_LB_PORT=$CLUSTER_ACTIONS_LB_PORT
ACTIONS1_PORT=$ACTIONS1_PORT
ACTIONS2_PORT=$ACTIONS2_PORT
CLUSTER_LB_STATS_PORT=$CLUSTER_LB_STATS_PORT
CLUSTER_LB_CONFIG=$CLUSTER_LB_CONFIG
CLUSTER_LB_SOCKET=$CLUSTER_LB_SOCKET
HAPROXY=$HAPROXY
API_PORT=$API_PORT
API_BASE_URL=http://127.0.0.1:$API_PORT
ACTION_ENDPOINT_URL=http://127.0.0.1:$CLUSTER_ACTIONS_LB_PORT/webhook
TRACKER_DB_URL=$TRACKER_DB_URL
OUTBOX_DB_URL=$OUTBOX_DB_URL
DATABASE_URL=$DATABASE_URL
REDIS_HOST=$REDIS_HOST
REDIS_PORT=$REDIS_PORT
# REDIS_PASSWORD: a secret, so it belongs in var/local.env (unset: Redis without AUTH)
LOCK_STORE_DB=$LOCK_STORE_DB
LOCK_KEY_PREFIX=$LOCK_KEY_PREFIX
RATE_LIMIT_STORAGE=$RATE_LIMIT_STORAGE
TICKET_LOCK_LIFETIME=$TICKET_LOCK_LIFETIME
SANIC_PROXIES_COUNT=1
ENV
  say "wrote var/cluster.env (public door on $BIND_HOST:$CLUSTER_LB_PORT, API on :$API_PORT)"
}

# postgresql[+driver]://user@host:port/db?query -> "server URL (database postgres)" and "db"
pg_server() { local u="${1%%\?*}"; u="${u/#postgresql+*:\/\//postgresql://}"; echo "${u%/*}/postgres"; }
pg_name() { local u="${1%%\?*}"; echo "${u##*/}"; }

step_databases() {
  local url server name
  for url in "$TRACKER_DB_URL" "$OUTBOX_DB_URL" "$DATABASE_URL"; do
    server="$(pg_server "$url")"; name="$(pg_name "$url")"
    [[ "$name" =~ ^[A-Za-z0-9_]+$ ]] || { echo "unexpected database name '$name' in a URL" >&2; exit 1; }
    if [[ "$(psql "$server" -XtAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" != 1 ]]; then
      psql "$server" -Xq -c "CREATE DATABASE \"$name\"" && say "created database $name"
    fi
  done
}

step_migrate() {
  say "migrating the API's database (alembic upgrade head)"
  DATABASE_URL="$DATABASE_URL" .venv-api/bin/alembic -c api/alembic.ini upgrade head
}

step_schema() {
  OUTBOX_DB_URL="$OUTBOX_DB_URL" .venv-bot/bin/python -c '
import sqlalchemy as sa
from actions.common.outbox import database_url, metadata
engine = sa.create_engine(database_url())
metadata.create_all(engine)
engine.dispose()'
  say "outbox table ready"
}

step_lb_config() {
  mkdir -p "$(dirname "$CLUSTER_LB_CONFIG")" "$(dirname "$CLUSTER_LB_SOCKET")"
  local script=() name
  for name in "${PLACEHOLDERS[@]}"; do script+=(-e "s#@${name}@#${!name}#g"); done
  sed "${script[@]}" "$TEMPLATE" > "$CLUSTER_LB_CONFIG.tmp"
  if grep -n '@[A-Z0-9_]*@' "$CLUSTER_LB_CONFIG.tmp" >&2; then
    echo "placeholders left in $CLUSTER_LB_CONFIG (add them to PLACEHOLDERS)" >&2; exit 1
  fi
  "$HAPROXY" -c -f "$CLUSTER_LB_CONFIG.tmp" >/dev/null
  mv "$CLUSTER_LB_CONFIG.tmp" "$CLUSTER_LB_CONFIG"
  say "wrote $CLUSTER_LB_CONFIG"
}

steps=("$@")
[[ ${#steps[@]} -gt 0 ]] || steps=(lb env databases migrate schema lb-config)
for step in "${steps[@]}"; do
  case "$step" in
    lb|env|databases|migrate|schema) "step_$step" ;;
    lb-config) step_lb_config ;;
    *) echo "unknown step '$step' (lb env databases migrate schema lb-config)" >&2; exit 2 ;;
  esac
done
