#!/usr/bin/env bash
# The real stack on loopback for the second test pass of .ci/run:
# PostgreSQL, Redis, an S3 server (moto) and Celery workers (cpu, io), each a plain
# process with its data under DIR.
#   .ci/stack.sh start DIR   start everything; writes DIR/env, the pass-2 environment
#   .ci/stack.sh stop DIR    stop everything `start` started (safe to call twice)
# Needs: apt-get install postgresql redis-server, and .venv with '.[dev]'.
set -euo pipefail
cd "$(dirname "$0")/.."
ACTION="${1:?usage: stack.sh start|stop DIR}"
DIR="${2:?usage: stack.sh start|stop DIR}"
VENV="${VENV:-.venv}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"

free_port() { "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local deadline=$((SECONDS + $1)) what="$2"; shift 2
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS > deadline)); then echo "stack: $what did not come up" >&2; return 1; fi
    sleep 0.3
  done
}

stop_pid() {  # stop_pid PIDFILE: TERM, then KILL after 10 s
  [[ -s "$1" ]] || return 0
  local pid; pid="$(cat "$1")"
  kill "$pid" 2>/dev/null || { rm -f "$1"; return 0; }
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$1"
}

start() {
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  local pg_port redis_port s3_port
  pg_port="$(free_port)"; redis_port="$(free_port)"; s3_port="$(free_port)"

  # PostgreSQL: a throwaway cluster owned by the postgres user (initdb refuses root).
  mkdir -p "$DIR/pg" && chown postgres: "$DIR/pg"
  runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/pg/data" -U painty --auth=trust -E UTF8 >"$DIR/pg/initdb.log"
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/server.log" -w start \
    -o "-p $pg_port -k $DIR/pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  "$PGBIN/createdb" -h 127.0.0.1 -p "$pg_port" -U painty painty

  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --pidfile "$DIR/redis.pid" \
    --dir "$DIR" --logfile "$DIR/redis.log" --save "" --appendonly no
  wait_for 20 redis redis-cli -p "$redis_port" ping

  "$VENV/bin/moto_server" -H 127.0.0.1 -p "$s3_port" >"$DIR/moto.log" 2>&1 &
  echo $! >"$DIR/moto.pid"
  wait_for 30 moto_server "$VENV/bin/python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$s3_port/')"

  # The one place that says what "the real stack" is, for CI, the worker and the tests.
  cat >"$DIR/env" <<ENV
export SECRET_KEY='stack-pass-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')'
export DATABASE_URL='postgres://painty@127.0.0.1:$pg_port/painty'
export REDIS_URL='redis://127.0.0.1:$redis_port/0'
export CELERY_BROKER_URL='redis://127.0.0.1:$redis_port/1'
export PAINTY_STORAGE=s3
export AWS_STORAGE_BUCKET_NAME=painty
export AWS_S3_ENDPOINT_URL='http://127.0.0.1:$s3_port'
export AWS_ACCESS_KEY_ID=testing
export AWS_SECRET_ACCESS_KEY=testing
export AWS_S3_REGION_NAME=us-east-1
export PAINTY_ENGINE=echo
export PAINTY_REQUIRE_STACK=1
ENV
  # shellcheck disable=SC1091
  . "$DIR/env"
  "$VENV/bin/python" - <<'PY'
import os, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"], region_name="us-east-1",
                  config=Config(signature_version="s3v4", s3={"addressing_style": "path"},
                                request_checksum_calculation="when_required",
                                response_checksum_validation="when_required"))
s3.create_bucket(Bucket=os.environ["AWS_STORAGE_BUCKET_NAME"])
PY
  DJANGO_SETTINGS_MODULE=painty.settings "$VENV/bin/python" manage.py migrate --noinput >"$DIR/migrate.log"

  # Two workers, as in production: the embedded engine's CPU work on prefork processes (one
  # job per core), hosted engines' waiting on many greenlets (plus webhooks and the purge).
  DJANGO_SETTINGS_MODULE=painty.settings "$VENV/bin/celery" -A painty worker -Q cpu -P prefork --concurrency 2 \
    --loglevel INFO --hostname "ci-cpu@%h" >"$DIR/worker.log" 2>&1 &
  echo $! >"$DIR/worker.pid"
  DJANGO_SETTINGS_MODULE=painty.settings "$VENV/bin/celery" -A painty worker -Q io,celery -P gevent --concurrency 1000 \
    --loglevel INFO --hostname "ci-io@%h" >"$DIR/worker-io.log" 2>&1 &
  echo $! >"$DIR/worker-io.pid"
  for name in ci-cpu ci-io; do
    wait_for 60 "celery worker $name" env DJANGO_SETTINGS_MODULE=painty.settings \
      "$VENV/bin/celery" -A painty inspect ping --timeout 2 --destination "$name@$(hostname)"
  done
  echo "stack: postgres :$pg_port, redis :$redis_port, s3 :$s3_port, celery workers cpu + io up (env in $DIR/env)"
}

stop() {
  stop_pid "$DIR/worker.pid"
  stop_pid "$DIR/worker-io.pid"
  stop_pid "$DIR/moto.pid"
  stop_pid "$DIR/redis.pid"
  if [[ -f "$DIR/pg/data/postmaster.pid" ]]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/pg/data" -m fast -w stop >/dev/null || true
  fi
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: stack.sh start|stop DIR" >&2; exit 2 ;;
esac
