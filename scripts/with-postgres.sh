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
set -euo pipefail

say() { echo "with-postgres: $*" >&2; }

if [[ $# -eq 0 ]]; then
  say "usage: bash scripts/with-postgres.sh COMMAND [ARGS...]"
  exit 2
fi

# --- find the server binaries --------------------------------------------------------------------
# Debian keeps them in /usr/lib/postgresql/15/bin, off PATH. pg_config may belong to libpq-dev of
# another version (its bindir then has no initdb), so every candidate is checked, not trusted.
find_bindir() {
  local candidates=()
  [[ -n "${WANGGE_PG_BINDIR:-}" ]] && candidates+=("$WANGGE_PG_BINDIR")
  if command -v pg_config >/dev/null 2>&1; then
    candidates+=("$(pg_config --bindir 2>/dev/null || true)")
  fi
  candidates+=(/usr/lib/postgresql/15/bin)
  local dir
  for dir in "${candidates[@]}"; do
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" && -x "$dir/pg_isready" ]]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if ! bindir="$(find_bindir)"; then
  say "PostgreSQL server binaries not found (looked in \$WANGGE_PG_BINDIR, \`pg_config --bindir\` and /usr/lib/postgresql/15/bin)."
  say "Install them with: apt-get install -y postgresql-15"
  exit 127
fi

is_root=0
[[ "$(id -u)" -eq 0 ]] && is_root=1
if [[ $is_root -eq 1 ]] && ! id -u postgres >/dev/null 2>&1; then
  say "running as root but there is no 'postgres' user to run the server as (apt-get install -y postgresql-15 creates it)"
  exit 127
fi

# --- temp folder and cleanup ---------------------------------------------------------------------
pg_root="$(mktemp -d /tmp/wangge-pg.XXXXXX)"
data_dir="$pg_root/data"
log_file="$pg_root/postgres.log"   # the server's own log
initdb_log="$pg_root/initdb.log"
ctl_log="$pg_root/pg_ctl.log"       # what pg_ctl prints
command_pid=""
cleaned_up=0

# PostgreSQL refuses to run as root, so as root every server command goes through runuser.
# The subshell cds into the temp folder so the server user never trips over an unreadable cwd.
run_pg() {
  if [[ $is_root -eq 1 ]]; then
    (cd "$pg_root" && runuser -u postgres -- "$@")
  else
    (cd "$pg_root" && "$@")
  fi
}

cleanup() {
  [[ $cleaned_up -eq 1 ]] && return
  cleaned_up=1
  set +e
  if [[ -f "$data_dir/postmaster.pid" ]]; then
    local postmaster_pid
    postmaster_pid="$(head -n 1 "$data_dir/postmaster.pid" 2>/dev/null)"
    run_pg "$bindir/pg_ctl" stop -D "$data_dir" -m fast -w -t 20 >/dev/null 2>&1 ||
      run_pg "$bindir/pg_ctl" stop -D "$data_dir" -m immediate -w -t 10 >/dev/null 2>&1
    # Last resort: the postmaster we started, by its own pid, never by name.
    if [[ "$postmaster_pid" =~ ^[0-9]+$ ]] && kill -0 "$postmaster_pid" 2>/dev/null; then
      kill -KILL "$postmaster_pid" 2>/dev/null
    fi
  fi
  rm -rf -- "$pg_root"
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

[[ $is_root -eq 1 ]] && chown postgres: "$pg_root"

# --- initdb --------------------------------------------------------------------------------------
if ! run_pg "$bindir/initdb" -D "$data_dir" -U postgres -A trust -E UTF8 --no-locale --no-instructions >"$initdb_log" 2>&1; then
  say "initdb failed:"
  tail -n 30 "$initdb_log" >&2
  exit 1
fi
# The server writes its log itself, so the server user must own the file.
run_pg touch "$log_file"

# Trust on the loopback address only: no unix-socket or remote logins at all.
printf '%s\n' \
  '# written by scripts/with-postgres.sh: a throwaway cluster, trusted on 127.0.0.1 only' \
  'host all all 127.0.0.1/32 trust' >"$data_dir/pg_hba.conf"

durability=off
[[ "${WANGGE_PG_DURABLE:-0}" == "1" ]] && durability=on
{
  echo "# written by scripts/with-postgres.sh"
  echo "listen_addresses = '127.0.0.1'"
  echo "unix_socket_directories = '$pg_root'"
  echo "max_connections = 200"
  echo "fsync = $durability"
  echo "synchronous_commit = $durability"
  echo "full_page_writes = $durability"
} >>"$data_dir/postgresql.conf"
[[ $is_root -eq 1 ]] && chown postgres: "$data_dir/pg_hba.conf" "$data_dir/postgresql.conf"

# --- start on a free port ------------------------------------------------------------------------
free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  else
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
  fi
}

port=""
for attempt in 1 2 3 4 5; do
  candidate="$(free_port)"
  # Another process may grab the port between the probe and the bind: then try another one.
  if run_pg "$bindir/pg_ctl" start -D "$data_dir" -l "$log_file" -o "-p $candidate" -w -t 30 >>"$ctl_log" 2>&1; then
    port="$candidate"
    break
  fi
  if grep -q 'could not bind\|Address already in use' "$log_file" 2>/dev/null; then
    say "port $candidate was taken, retrying ($attempt/5)"
    continue
  fi
  break
done

if [[ -z "$port" ]]; then
  say "PostgreSQL did not start; last lines of its log and of pg_ctl:"
  tail -n 30 "$log_file" "$ctl_log" >&2
  exit 1
fi

ready=0
for _ in $(seq 1 100); do
  if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
    ready=1
    break
  fi
  sleep 0.1
done
if [[ $ready -ne 1 ]]; then
  say "PostgreSQL started but pg_isready never answered; last lines of its log:"
  tail -n 30 "$log_file" >&2
  exit 1
fi

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
export DATABASE_URL="$TEST_DATABASE_URL"
say "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (fsync $durability, data in $pg_root)"

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
