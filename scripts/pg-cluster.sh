#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster in a folder of its own, from the Debian server binaries.
# Used by scripts/with-postgres.sh (around a command) and by tests that must restart the database.
#
#   bash scripts/pg-cluster.sh create DIR            initdb in DIR/data (DIR: an empty folder), start it on a free
#                                                    port of 127.0.0.1; prints postgres://postgres@127.0.0.1:PORT/postgres
#   bash scripts/pg-cluster.sh restart DIR [MODE]    pg_ctl restart, MODE fast (default) or immediate; same port
#   bash scripts/pg-cluster.sh stop DIR [MODE]       pg_ctl stop (keeps the files)
#   bash scripts/pg-cluster.sh start DIR             start a stopped cluster again on its port
#   bash scripts/pg-cluster.sh destroy DIR           stop it (fast, then immediate, then KILL by its own pid) and
#                                                    delete DIR
#   bash scripts/pg-cluster.sh check                 exit 0 when the server binaries (and, as root, the postgres
#                                                    user) are there; otherwise say why and exit 127
#
# The cluster listens on 127.0.0.1 only with trust auth (no password), its socket in DIR. PostgreSQL refuses
# to run as root: as root every server command runs as the `postgres` user, who then owns DIR.
# Settings:
#   WANGGE_PG_DURABLE=1   keep fsync, synchronous_commit and full_page_writes on (by default they are off:
#                         several times faster, and fine for a database deleted minutes later)
#   WANGGE_PG_BINDIR=DIR  use the server binaries in DIR instead of looking them up
set -euo pipefail

say() { echo "pg-cluster: $*" >&2; }

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

is_root=0
[[ "$(id -u)" -eq 0 ]] && is_root=1

check() {
  if ! bindir="$(find_bindir)"; then
    say "PostgreSQL server binaries not found (looked in \$WANGGE_PG_BINDIR, \`pg_config --bindir\` and /usr/lib/postgresql/15/bin)."
    say "Install them with: apt-get install -y postgresql-15"
    exit 127
  fi
  if [[ $is_root -eq 1 ]] && ! id -u postgres >/dev/null 2>&1; then
    say "running as root but there is no 'postgres' user to run the server as (apt-get install -y postgresql-15 creates it)"
    exit 127
  fi
}

# PostgreSQL refuses to run as root, so as root every server command goes through runuser.
# The subshell cds into the cluster folder so the server user never trips over an unreadable cwd.
run_pg() {
  if [[ $is_root -eq 1 ]]; then
    (cd "$root" && runuser -u postgres -- "$@")
  else
    (cd "$root" && "$@")
  fi
}

free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  else
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
  fi
}

wait_ready() {
  local port="$1"
  for _ in $(seq 1 100); do
    if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
      return 0
    fi
    sleep 0.1
  done
  say "PostgreSQL started but pg_isready never answered; last lines of its log:"
  tail -n 30 "$log_file" >&2
  return 1
}

print_url() {
  echo "postgres://postgres@127.0.0.1:$(cat "$root/port")/postgres"
}

create() {
  [[ $is_root -eq 1 ]] && chown postgres: "$root"
  if ! run_pg "$bindir/initdb" -D "$data_dir" -U postgres -A trust -E UTF8 --no-locale --no-instructions >"$root/initdb.log" 2>&1; then
    say "initdb failed:"
    tail -n 30 "$root/initdb.log" >&2
    exit 1
  fi
  # The server writes its log itself, so the server user must own the file.
  run_pg touch "$log_file"
  # Trust on the loopback address only: no unix-socket or remote logins at all.
  printf '%s\n' \
    '# written by scripts/pg-cluster.sh: a throwaway cluster, trusted on 127.0.0.1 only' \
    'host all all 127.0.0.1/32 trust' >"$data_dir/pg_hba.conf"
  local durability=off
  [[ "${WANGGE_PG_DURABLE:-0}" == "1" ]] && durability=on
  {
    echo "# written by scripts/pg-cluster.sh"
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$root'"
    echo "max_connections = 200"
    echo "fsync = $durability"
    echo "synchronous_commit = $durability"
    echo "full_page_writes = $durability"
  } >>"$data_dir/postgresql.conf"
  [[ $is_root -eq 1 ]] && chown postgres: "$data_dir/pg_hba.conf" "$data_dir/postgresql.conf"

  local port="" candidate attempt
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
  echo "$port" >"$root/port"
  wait_ready "$port"
  say "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (fsync $durability, data in $root)"
  print_url
}

start() {
  local port
  port="$(cat "$root/port")"
  run_pg "$bindir/pg_ctl" start -D "$data_dir" -l "$log_file" -o "-p $port" -w -t 30 >>"$ctl_log" 2>&1
  wait_ready "$port"
  print_url
}

restart() {
  local port
  port="$(cat "$root/port")"
  run_pg "$bindir/pg_ctl" restart -D "$data_dir" -m "${1:-fast}" -l "$log_file" -o "-p $port" -w -t 60 >>"$ctl_log" 2>&1
  wait_ready "$port"
}

stop() {
  run_pg "$bindir/pg_ctl" stop -D "$data_dir" -m "${1:-fast}" -w -t 30 >>"$ctl_log" 2>&1
}

destroy() {
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
  rm -rf -- "$root"
}

command="${1:-}"
if [[ "$command" == "check" ]]; then
  check
  exit 0
fi
if [[ $# -lt 2 ]]; then
  say "usage: bash scripts/pg-cluster.sh create|start|restart|stop|destroy DIR [MODE], or check"
  exit 2
fi
root="$(cd "$2" && pwd)"
data_dir="$root/data"
log_file="$root/postgres.log" # the server's own log
ctl_log="$root/pg_ctl.log"    # what pg_ctl prints
check
case "$command" in
  create) create ;;
  start) start ;;
  restart) restart "${3:-fast}" ;;
  stop) stop "${3:-fast}" ;;
  destroy) destroy ;;
  *)
    say "unknown command $command"
    exit 2
    ;;
esac
