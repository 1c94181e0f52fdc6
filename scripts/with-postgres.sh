#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 and always removes it afterwards.
#
#   bash scripts/with-postgres.sh npm run test -w server
#   bash scripts/with-postgres.sh bash -c 'psql "$TEST_DATABASE_URL" -c "select version()"'
#
# The cluster lives in a `mktemp -d` folder under /tmp owned by `postgres`, listens on 127.0.0.1 only
# (trust auth, no password) on a free random port, and is exported to the command as
# TEST_DATABASE_URL and DATABASE_URL (postgres://postgres@127.0.0.1:PORT/postgres).
# The script exits with the command's status; the cluster is stopped and deleted on every exit path.
#
# Settings:
#   WANGGE_PG_DURABLE=1   keep fsync, synchronous_commit and full_page_writes on (durability tests);
#                         by default they are off, which is several times faster and fine for a
#                         database that is deleted minutes later.
#   WANGGE_PG_BINDIR=DIR  use the server binaries in DIR instead of looking them up.
# The cluster itself (binaries, initdb, config, free port, stop) is scripts/pg-cluster.sh.
set -euo pipefail

say() { echo "with-postgres: $*" >&2; }

if [[ $# -eq 0 ]]; then
  say "usage: bash scripts/with-postgres.sh COMMAND [ARGS...]"
  exit 2
fi

cluster="$(dirname "${BASH_SOURCE[0]}")/pg-cluster.sh"
bash "$cluster" check

# --- temp folder and cleanup ---------------------------------------------------------------------
pg_root="$(mktemp -d /tmp/wangge-pg.XXXXXX)"
command_pid=""
cleaned_up=0

cleanup() {
  [[ $cleaned_up -eq 1 ]] && return
  cleaned_up=1
  bash "$cluster" destroy "$pg_root" || rm -rf -- "$pg_root"
}

# The command and everything it started, by process id (children before they are orphaned).
# shellcheck disable=SC2317  # reached only through the INT/TERM traps
process_tree() {
  local pid="$1" child
  echo "$pid"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    process_tree "$child"
  done
}

# shellcheck disable=SC2317  # reached only through the INT/TERM traps
on_signal() {
  local code="$1" pids
  # The command runs in the background, so this trap fires at once. Background commands of a script
  # ignore SIGINT, so the command's whole tree is sent TERM (KILL if still there after 10 s).
  if [[ -n "$command_pid" ]] && kill -0 "$command_pid" 2>/dev/null; then
    mapfile -t pids < <(process_tree "$command_pid")
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$command_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$command_pid" 2>/dev/null; then
      mapfile -t pids < <(process_tree "$command_pid")
      kill -KILL "${pids[@]}" 2>/dev/null || true
    fi
    wait "$command_pid" 2>/dev/null || true
  fi
  cleanup
  exit "$code"
}

trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

export TEST_DATABASE_URL
TEST_DATABASE_URL="$(bash "$cluster" create "$pg_root")"
export DATABASE_URL="$TEST_DATABASE_URL"

# --- run the command -----------------------------------------------------------------------------
# In the background with stdin passed through explicitly, so that INT/TERM reach the trap at once.
set +e
"$@" <&0 &
command_pid=$!
wait "$command_pid"
status=$?
command_pid=""
set -e

cleanup
exit "$status"
